/* Claims ABI 1.1 but returns a descriptor of ABI 1.0's size, without the 1.1 members. */
#include "../common.h"

static const char manifest[] =
    "{\"name\":\"broken-short-descriptor\",\"version\":\"0.0.1\",\"abi_version\":\"1.1\",\"library\":\"libbroken-short-descriptor.so\","
    "\"description\":\"Deliberately broken test plugin (short-descriptor).\",\"reads\":[\"views.raw\"],\"writes\":[\"sections\"],"
    "\"config_schema\":{\"type\":\"object\"}}";
static const cf_plugin_v1 plugin = {CHARTFLOW_PLUGIN_V1_0_SIZE, 1, 1, manifest, broken_create, broken_process, broken_destroy, 0, 0, 0};

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)major, (void)minor;
  return &plugin;
}
