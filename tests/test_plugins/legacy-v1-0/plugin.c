/* A plugin as it was built against ABI 1.0: a 1.0-sized descriptor, annotation fields read from
 * the one JSON object in cf_document_v1.record_json, items added as JSON text. A 1.1 host must run
 * it unchanged. Plain C, the 1.0 members only. */
#include "../common.h"

#include <string.h>

static const char manifest[] =
    "{\"name\":\"test-legacy-v1-0\",\"version\":\"1.0.0\",\"abi_version\":\"1.0\",\"library\":\"libtest-legacy-v1-0.so\","
    "\"description\":\"Test plugin built the ABI 1.0 way: reads sections as JSON, adds one sentence as JSON.\","
    "\"reads\":[\"views.normalized\",\"sections\"],\"writes\":[\"sentences\"],\"config_schema\":{\"type\":\"object\"}}";

static void say(cf_error_v1* error, const char* text) {
  if (!error || !error->message || error->capacity == 0) return;
  size_t n = strlen(text);
  if (n >= error->capacity) n = error->capacity - 1;
  memcpy(error->message, text, n);
  error->message[n] = '\0';
}

static int32_t legacy_process(void* instance, const cf_document_v1* document, const cf_emitter_v1* emitter, cf_error_v1* error) {
  (void)instance;
  static const char wanted[] = "\"sections\":[{";
  const cf_str json = document->record_json;
  int found = 0;
  for (size_t i = 0; json.data && i + sizeof(wanted) - 1 <= json.size && !found; ++i)
    found = memcmp(json.data + i, wanted, sizeof(wanted) - 1) == 0;
  if (!found) {
    say(error, "record_json holds no sections");
    return CF_ERR_INVALID_INPUT;
  }
  static const char field[] = "sentences";
  static const char items[] = "[{\"id\":\"legacy-1\",\"view\":\"normalized\",\"begin\":0,\"end\":0}]";
  const cf_str field_str = {field, sizeof(field) - 1};
  const cf_str items_str = {items, sizeof(items) - 1};
  return emitter->add_items(emitter->context, field_str, items_str, error);
}

static const cf_plugin_v1 plugin = {CHARTFLOW_PLUGIN_V1_0_SIZE, 1, 0, manifest, broken_create, legacy_process, broken_destroy, 0, 0, 0};

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)minor;
  return major == 1 ? &plugin : 0;
}
