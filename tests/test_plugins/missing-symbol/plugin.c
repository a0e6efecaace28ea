/* A library that is not a chartflow plugin: it exports no entry point. */
__attribute__((visibility("default"))) int some_other_function(void) { return 42; }
