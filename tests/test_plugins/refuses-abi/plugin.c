/* Refuses every host: returns NULL from the entry point. */
#include "../common.h"

CHARTFLOW_PLUGIN_EXPORT const cf_plugin_v1* chartflow_plugin_entry_v1(uint32_t major, uint32_t minor) {
  (void)major, (void)minor;
  return 0;
}
