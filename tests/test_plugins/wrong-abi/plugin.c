/* Claims ABI 2.0 in its descriptor although its manifest says 1.0. */
#include "../common.h"

static const char manifest[] =
    "{\"name\":\"broken-wrong-abi\",\"version\":\"0.0.1\",\"abi_version\":\"1.0\",\"library\":\"libbroken-wrong-abi.so\","
    "\"description\":\"Deliberately broken test plugin (wrong-abi).\",\"reads\":[\"views.raw\"],\"writes\":[\"sections\"],"
    "\"config_schema\":{\"type\":\"object\"}}";
static const cf_plugin_v1 plugin = {sizeof(cf_plugin_v1), 2, 0, manifest, broken_create, broken_process, broken_destroy};

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)major, (void)minor;
  return &plugin;
}
