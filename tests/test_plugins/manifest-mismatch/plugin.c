/* Its embedded manifest writes "mentions"; the plugin.json beside it claims "sections". */
#include "../common.h"

static const char manifest[] =
    "{\"name\":\"broken-manifest-mismatch\",\"version\":\"0.0.1\",\"abi_version\":\"1.0\",\"library\":\"libbroken-manifest-mismatch.so\","
    "\"description\":\"Deliberately broken test plugin (manifest-mismatch).\",\"reads\":[\"views.raw\"],\"writes\":[\"mentions\"],"
    "\"config_schema\":{\"type\":\"object\"}}";
static const cf_plugin_v1 plugin = {sizeof(cf_plugin_v1), 1, 0, manifest, broken_create, broken_process, broken_destroy};

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)major, (void)minor;
  return &plugin;
}
