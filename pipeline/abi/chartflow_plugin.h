/*
 * chartflow plugin ABI, version 1.1.
 *
 * This header is the whole binary contract between the chartflow host and a plugin (a stage,
 * which adds to each document's record, or a sink, which delivers finished records outward).
 * It is plain C so that no C++ object, exception, allocator or RTTI ever crosses it: a plugin
 * may be built by another compiler, against another standard library, and still load.
 *
 * Rules that keep it stable:
 *  - Every struct starts with `struct_size`. Structs only ever grow at the end; a reader uses
 *    a member only when `struct_size` says it is present. Old plugins see a prefix of new structs.
 *  - Ownership is explicit. Everything the host passes in (documents, emitters, error buffers)
 *    stays owned by the host and is valid only for the duration of the call. Everything a plugin
 *    hands to the host (text, JSON) is copied by the host before the emitter call returns, so the
 *    plugin may free it right after. The descriptor returned by the entry point and the strings
 *    it points to are static storage of the plugin and live as long as the process (plugins are
 *    never unloaded).
 *  - Errors are an integer code plus a message the plugin writes into a host-owned buffer.
 *    No function here may let an exception escape; the C++ SDK guarantees that for its users.
 */
#ifndef CHARTFLOW_PLUGIN_H
#define CHARTFLOW_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Major changes break compatibility (host and plugin majors must be equal). Minor changes only
 * append members or functions; a host accepts plugins whose minor is <= its own. */
#define CHARTFLOW_ABI_VERSION_MAJOR 1u
#define CHARTFLOW_ABI_VERSION_MINOR 1u
/* 1.1 appended: cf_document_v1.fields (each annotation field a stage reads, in the binary item
 * form of chartflow/binary.hpp, held by the host as stages added it, instead of one JSON object
 * serialised for every stage), cf_emitter_v1.add_items_binary (items in that form), and the sink
 * functions of cf_plugin_v1. Plugins built against 1.0 still load and run. */

/* The one symbol a plugin exports. */
#define CHARTFLOW_PLUGIN_ENTRY_SYMBOL "chartflow_plugin_entry_v1"

#if defined(_WIN32)
#define CHARTFLOW_PLUGIN_EXPORT __declspec(dllexport)
#else
#define CHARTFLOW_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Status codes returned by plugin functions and emitter callbacks. */
typedef enum cf_status {
  CF_OK = 0,
  CF_ERR_INVALID_INPUT = 1,  /* the document is bad: quarantine it, go on with the batch */
  CF_ERR_UNSUPPORTED = 2,    /* the document is of a kind this stage cannot handle */
  CF_ERR_LIMIT = 3,          /* a configured limit (size, pages, pixels) was exceeded */
  CF_ERR_CONFIG = 4,         /* bad configuration: only valid from create() */
  CF_ERR_INTERNAL = 5,       /* a bug or an unexpected failure inside the plugin */
  CF_ERR_REJECTED = 6        /* emitter only: the host refused what the plugin emitted */
} cf_status;

/* Log levels for cf_host_v1.log; the same order as the host's levels. */
typedef enum cf_log_level {
  CF_LOG_TRACE = 0,
  CF_LOG_DEBUG = 1,
  CF_LOG_INFO = 2,
  CF_LOG_WARN = 3,
  CF_LOG_ERROR = 4
} cf_log_level;

/* Diagnostic severities a stage may attach to a document. */
typedef enum cf_severity { CF_SEVERITY_INFO = 0, CF_SEVERITY_WARNING = 1, CF_SEVERITY_ERROR = 2 } cf_severity;

/* A borrowed, not necessarily NUL-terminated byte range. */
typedef struct cf_str {
  const char* data;
  size_t size;
} cf_str;

/* Host-owned buffer a plugin writes its error message into (NUL-terminated, truncated to fit). */
typedef struct cf_error_v1 {
  uint32_t struct_size;
  char* message;
  size_t capacity;
} cf_error_v1;

/* Services the host offers to a plugin instance. Valid from create() until destroy(). */
typedef struct cf_host_v1 {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  void* context;
  /* Messages must never contain document text or patient identifiers. */
  void (*log)(void* context, int32_t level, cf_str message);
  cf_str plugin_dir;  /* folder holding the plugin's manifest and data files */
  cf_str stage_id;    /* the id this stage has in the running pipeline */
  uint32_t worker_count;
} cf_host_v1;

/* A named text view of the document. Text is UTF-8; annotations point into it by byte offsets. */
typedef struct cf_view_v1 {
  cf_str name;
  cf_str text;
} cf_view_v1;

/* 1.1: one annotation field a stage reads: its `count` items, one binary object value after
 * another (the encoding is specified in chartflow/binary.hpp), each already validated against the
 * field's schema and carrying the host's "producer" stamp. */
typedef struct cf_field_v1 {
  cf_str name;
  cf_str items;
  size_t count;
} cf_field_v1;

/* The part of the record a stage declared it reads; host-owned, valid during process(). */
typedef struct cf_document_v1 {
  uint32_t struct_size;
  cf_str id;
  cf_str media_type;
  cf_str source_bytes;      /* the input file's bytes, only when the stage reads "source" */
  const cf_view_v1* views;  /* the views the stage reads that exist for this document */
  size_t view_count;
  /* JSON object holding the other fields the stage reads. For plugins built against 1.1 or later
   * it holds only "document" (when read): their annotation fields come in `fields`. */
  cf_str record_json;
  /* 1.1: the annotation fields the stage reads that the document has (absent fields are left
   * out). Present when struct_size covers them. */
  const cf_field_v1* fields;
  size_t field_count;
} cf_document_v1;

/* How a stage hands its additions to the host. The host copies everything before returning.
 * Each call returns CF_OK, or CF_ERR_REJECTED with the reason written to `error`. */
typedef struct cf_emitter_v1 {
  uint32_t struct_size;
  void* context;
  /* Adds an immutable text view. `meta_json` is a JSON object with the view's other
   * properties (origin, derived_from, source_map, ...), or empty. */
  int32_t (*add_view)(void* context, cf_str name, cf_str text, cf_str meta_json, cf_error_v1* error);
  /* Appends items to a declared field: `items_json` is a JSON array of objects. */
  int32_t (*add_items)(void* context, cf_str field, cf_str items_json, cf_error_v1* error);
  /* Attaches a warning or note to the document (codes are short kebab-case words). */
  int32_t (*add_diagnostic)(void* context, int32_t severity, cf_str code, cf_str message, cf_error_v1* error);
  /* 1.1: appends `count` items to a declared field, one binary object value after another
   * (chartflow/binary.hpp). Present when struct_size covers it. */
  int32_t (*add_items_binary)(void* context, cf_str field, cf_str items, size_t count, cf_error_v1* error);
} cf_emitter_v1;

/* What a sink's deliver() returns for one record. Any other value counts as a failed delivery. */
typedef enum cf_delivery {
  CF_DELIVERED = 0,        /* the destination has it (acknowledged, or written): message may hold a receipt */
  CF_DELIVERY_RETRY = 1,   /* not delivered now, may succeed later (server down, timeout): message says why */
  CF_DELIVERY_FAILED = 2   /* refused for good (the destination rejected it): message says why */
} cf_delivery;

/* What the entry point returns: static storage in the plugin. */
typedef struct cf_plugin_v1 {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  /* The manifest the plugin was built with (JSON, NUL-terminated). The host compares it with
   * the manifest file it read before loading and refuses the plugin when they differ. */
  const char* manifest_json;
  /* Creates an instance from its validated JSON config. */
  int32_t (*create)(cf_str config_json, const cf_host_v1* host, void** instance, cf_error_v1* error);
  /* Processes one document. May run concurrently on a shared instance unless the manifest
   * asks for one instance per worker thread. */
  int32_t (*process)(void* instance, const cf_document_v1* document, const cf_emitter_v1* emitter,
                     cf_error_v1* error);
  void (*destroy)(void* instance);
  /* 1.1, sinks only (manifest "kind": "sink"; NULL in stages, whose process() a sink leaves NULL).
   * A run calls begin_batch once, deliver for each finished record (the record file's JSON, possibly
   * from several threads at once on a shared instance), then end_batch once with the run's summary
   * JSON. begin_batch and end_batch return a cf_status; deliver returns a cf_delivery and may write
   * a one-line message (a receipt, or why it failed) into `message`. end_batch may write a one-line
   * report of what it did into `error` even when it returns CF_OK (shown to the user). */
  int32_t (*begin_batch)(void* instance, cf_str batch_json, cf_error_v1* error);
  int32_t (*deliver)(void* instance, cf_str record_json, cf_error_v1* message);
  int32_t (*end_batch)(void* instance, cf_str summary_json, cf_error_v1* error);
} cf_plugin_v1;

/* The size of the descriptor a 1.0 plugin returns: the host reads the 1.1 members only beyond it. */
#define CHARTFLOW_PLUGIN_V1_0_SIZE (offsetof(cf_plugin_v1, destroy) + sizeof(void (*)(void*)))
#define CHARTFLOW_DOCUMENT_V1_0_SIZE (offsetof(cf_document_v1, record_json) + sizeof(cf_str))

/* Entry point. Returns NULL when the plugin cannot work with a host of this ABI version. */
typedef const cf_plugin_v1* (*cf_plugin_entry_v1)(uint32_t host_abi_major, uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif

#endif /* CHARTFLOW_PLUGIN_H */
