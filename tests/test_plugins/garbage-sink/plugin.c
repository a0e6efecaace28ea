/* A sink whose deliver returns 37: neither delivered (0), retry (1) nor failed (2). */
#include "../common.h"

#include <string.h>

static const char manifest[] =
    "{\"name\":\"broken-garbage-sink\",\"version\":\"0.0.1\",\"abi_version\":\"1.1\",\"library\":\"libbroken-garbage-sink.so\","
    "\"description\":\"Deliberately broken test sink (garbage-sink): deliver returns 37, which is no cf_delivery.\","
    "\"kind\":\"sink\",\"delivery\":\"batch\",\"reads\":[\"document\"],\"writes\":[],\"config_schema\":{\"type\":\"object\"}}";

static int32_t batch(void* instance, cf_str json, cf_error_v1* error) {
  (void)instance, (void)json, (void)error;
  return CF_OK;
}
static int32_t deliver(void* instance, cf_str record, cf_error_v1* message) {
  static const char text[] = "thirty-seven";
  (void)instance, (void)record;
  if (message && message->message && message->capacity > sizeof(text)) memcpy(message->message, text, sizeof(text));
  return 37;
}
static const cf_plugin_v1 plugin = {sizeof(cf_plugin_v1), 1, 1, manifest, broken_create, 0, broken_destroy, batch, deliver, batch};

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)major, (void)minor;
  return &plugin;
}
