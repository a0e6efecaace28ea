/* Shared pieces of the deliberately broken C plugins. */
#include <chartflow_plugin.h>

static int32_t broken_create(cf_str config, const cf_host_v1* host, void** instance, cf_error_v1* error) {
  (void)config, (void)host, (void)error;
  *instance = 0;
  return CF_OK;
}
static int32_t broken_process(void* instance, const cf_document_v1* document, const cf_emitter_v1* emitter, cf_error_v1* error) {
  (void)instance, (void)document, (void)emitter, (void)error;
  return CF_OK;
}
static void broken_destroy(void* instance) { (void)instance; }
