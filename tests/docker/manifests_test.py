#!/usr/bin/env python3
"""The scale-out manifests and docs/scale-out.md agree with each other and with the command line.

No cluster, broker or Docker engine is needed: every file is parsed and checked as text.

  1. Every manifest parses: docker/k8s/*.yaml (PyYAML), docker/k8s/*.json (the RabbitMQ
     definitions), docker/slurm/*.sbatch (`bash -n`; every #SBATCH line before the first command,
     since sbatch stops reading them there).
  2. Every `chartflow <command> --option` in them and in docs/scale-out.md (its code blocks and
     code spans) is a command of kSpec in pipeline/cli/main.cpp and an option of that command;
     containers' argument lists (the image's ENTRYPOINT is chartflow) are parsed as
     cli::parse_args does: options that take a value have one, flags have none.
  3. Kubernetes: the worker Deployment runs `chartflow worker` with a liveness probe on its
     --heartbeat file (kept off the shared volume), CPU and memory requests and limits (CPU at
     least --jobs, memory above --jobs x limits.worker_memory_mb of its pipeline), a grace period
     of at least limits.seconds_per_document, broker credentials from a Secret and none in its
     arguments (no user:password@ in the URL), and its output on a ReadWriteMany claim. The
     Indexed Job has completionMode Indexed, `chartflow run` with --shard-count equal to
     completions and no fixed --shard-index; a shell wrapper around it must pass "$@" and forward
     SIGTERM. The merge Job merges the folder the shards write.
  4. RabbitMQ definitions: the worker's queue is there, in the virtual host of its --broker URL,
     a durable quorum queue with a delivery limit, dead-lettering to Q.quarantine (a quorum queue
     that exists) with at-least-once strategy and reject-publish overflow.
  5. Slurm: the array script runs `chartflow run`, the merge script `chartflow merge`, on the same
     output folder.
  6. docs/scale-out.md names every manifest, and every docker/... path it names exists.

manifests_test.py SOURCE_DIR"""
import json
import os
import re
import subprocess
import sys
from urllib.parse import unquote, urlsplit

try:
    import yaml
except ImportError:
    sys.exit("manifests_test: PyYAML is missing for " + sys.executable + ": install Debian's python3-yaml "
             "(scripts/install-deps.sh should list it)")

if len(sys.argv) != 2:
    sys.exit(__doc__.rsplit("\n", 1)[-1])
source = os.path.abspath(sys.argv[1])
problems = []
notes = []

K8S_DIR = "docker/k8s"
SLURM_DIR = "docker/slurm"
DOC = "docs/scale-out.md"
MAIN_CPP = "pipeline/cli/main.cpp"
INSTALLED_CONFIGS = "/opt/chartflow/share/chartflow/configs/"   # the image's; configs/ in the source tree
# Commands docs/scale-out.md describes that kSpec may not have yet: named even without an option.
SCALE_OUT_COMMANDS = {"worker", "enqueue", "merge"}
DEFAULT_LIMITS = {"worker_memory_mb": 2048, "seconds_per_document": 600}   # docs/operations.md


def rel(path):
    return os.path.relpath(path, source)


def problem(where, text):
    problems.append(f"{where}: {text}")


# ---------------------------------------------------------------------------------------------
# kSpec: the commands and options of pipeline/cli/main.cpp
# ---------------------------------------------------------------------------------------------
def parse_braced(text, pos):
    """The C++ brace initializer at text[pos] == '{' as nested lists of str/bool; (value, end)."""
    stack, i = [], pos
    while i < len(text):
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        if c == "{":
            stack.append([])
            i += 1
        elif c == "}":
            done = stack.pop()
            i += 1
            if not stack:
                return done, i
            stack[-1].append(done)
        elif c == '"':
            j, out = i + 1, []
            while text[j] != '"':
                if text[j] == "\\":
                    out.append(text[j + 1])
                    j += 2
                else:
                    out.append(text[j])
                    j += 1
            stack[-1].append("".join(out))
            i = j + 1
        elif c.isspace() or c == ",":
            i += 1
        else:
            word = re.match(r"[A-Za-z_][A-Za-z0-9_:]*", text[i:])
            if word and word.group(0) in ("true", "false"):
                stack[-1].append(word.group(0) == "true")
                i += len(word.group(0))
            else:
                raise ValueError(f"unexpected {text[i:i + 30]!r} at offset {i}")
    raise ValueError("unterminated initializer")


def read_kspec():
    path = os.path.join(source, MAIN_CPP)
    text = open(path, encoding="utf-8").read()
    match = re.search(r"\bkSpec\s*=\s*\{", text)
    if not match:
        sys.exit(f"manifests_test: no `kSpec = {{...}}` in {MAIN_CPP}; this test reads the commands and options from it")
    try:
        entries, _ = parse_braced(text, match.end() - 1)
        spec = {}
        for entry in entries:
            name, options = entry
            spec[name] = {opt: takes_value for opt, takes_value in options}
        return spec
    except (ValueError, TypeError) as e:
        sys.exit(f"manifests_test: cannot read kSpec in {MAIN_CPP} as {{\"command\", {{{{\"option\", true}}, ...}}}}: {e}")


SPEC = read_kspec()


# ---------------------------------------------------------------------------------------------
# One chartflow command line against kSpec
# ---------------------------------------------------------------------------------------------
def check_invocation(words, where, strict):
    """words: what follows `chartflow`. strict: an exact argv (container args); otherwise words from
    text (docs, comments, scripts), where placeholders such as `...` or PATH... are allowed.
    Returns (command, {option: [values]}) or None."""
    if not words:
        return None
    if words[0].startswith("--"):
        command, rest = "", words
    else:
        command, rest = words[0], words[1:]
    shown = f"chartflow {command}".strip()
    if command not in SPEC:
        hint = (" (docs/scale-out.md describes it: add it to kSpec in pipeline/cli/main.cpp)"
                if command in SCALE_OUT_COMMANDS else "")
        problem(where, f"`{shown}` is not a command of kSpec in {MAIN_CPP}{hint}")
        # Read on without kSpec (an option followed by a word takes it as its value), so the
        # manifests' other checks still run.
        values, current = {}, None
        for word in rest:
            if word.startswith("--"):
                name, eq, value = word[2:].partition("=")
                current = name
                values.setdefault(name, []).extend([value] if eq else [])
            elif current:
                values[current].append(word)
        return command, values
    options = SPEC[command]
    values = {}
    i = 0
    if "" in options:                      # the command's words (`export naaccr`, `registry import`)
        while i < len(rest) and not rest[i].startswith("--"):
            i += 1
    current, wanting = None, None          # option collecting values; option still needing one
    for word in rest[i:]:
        if word.startswith("--"):
            if wanting and strict:
                problem(where, f"`{shown} --{wanting}` needs a value")
            wanting = None
            name, eq, value = word[2:].partition("=")
            if name == "help":
                current = None
                continue
            if name in options:
                takes_value = options[name]
            elif name and "*" in options:
                takes_value = True
            else:
                problem(where, f"`{shown} --{name}`: no option --{name} for `{shown}` in kSpec ({MAIN_CPP}); "
                               f"it has {', '.join('--' + o for o in sorted(options) if o not in ('', '*')) or 'none'}")
                current = None
                continue
            values.setdefault(name, [])
            if takes_value:
                current = name
                if eq:
                    values[name].append(value)
                else:
                    wanting = name
            else:
                if eq:
                    problem(where, f"`{shown} --{name}` takes no value")
                current = None
        elif current:
            values[current].append(word)
            wanting = None
        elif strict:
            problem(where, f"`{shown}`: unexpected argument {word!r} (not the value of an option)")
    if wanting and strict:
        problem(where, f"`{shown} --{wanting}` needs a value")
    return command, values


STOP_TOKENS = {";", "&&", "||", "|", "&", ")", "\\", "]]"}
INVOCATION = re.compile(r"(?:^|(?<=[\s\"'`(/]))chartflow[ \t]+([^\n]*)")
# What may come right before a command line's `chartflow` on its line (`-p chartflow --apply-to`
# in a rabbitmqctl line names a virtual host, not the program).
COMMAND_STARTS = {";", "&&", "||", "|", "(", "$(", "`", "!", "{", "-", "exec", "--", "do", "then", "else", "time",
                  "nohup", "srun", "sudo", "env", "$", "#"}


def starts_a_command(text, start):
    line = text[text.rfind("\n", 0, start) + 1:start]
    before = line.split()
    if not before:
        return True
    last = before[-1]
    if not line[-1:].isspace():            # glued to the token before: a path or an opening quote
        if last.endswith("/"):             # /opt/chartflow/bin/chartflow
            return len(before) == 1 or before[-2] in COMMAND_STARTS or before[-2].startswith("#")
        last = last.lstrip("\"'")
        return last in ("", "`", "(", "$(") or last.endswith(("`", "(")) or last in COMMAND_STARTS
    return last in COMMAND_STARTS or last.startswith("#") and last.strip("#") == ""


def words_of(rest):
    """The words of one command line from free text, up to the end of the shell command."""
    words = []
    for token in rest.split():
        stop = False
        if "`" in token:
            token, stop = token.split("`", 1)[0], True
        if token in STOP_TOKENS or token.startswith("#"):
            break
        while token and token[-1] in ";)":
            token, stop = token[:-1], True
        token = token.strip("[]\"'")
        if token:
            words.append(token)
        if stop:
            break
    return words


def check_text(text, where):
    """Every `chartflow <command> ...` in a piece of shell, YAML or code text."""
    text = re.sub(r"\\\n[ \t]*(?:#[ \t]*)?", " ", text)       # line continuations, also in comments
    found = []
    for match in INVOCATION.finditer(text):
        if not starts_a_command(text, match.start()):
            continue
        words = words_of(match.group(1))
        if not words:
            continue
        first = words[0]
        command_like = re.fullmatch(r"[a-z][a-z0-9-]*", first) or first.startswith("--")
        if not command_like:
            continue
        # Prose ("chartflow itself gets ...") is no command line: a command line names a known
        # command, or a word and then an option (`chartflow frobnicate --x`), or only options.
        if first in SPEC or first in SCALE_OUT_COMMANDS or first.startswith("--") or (len(words) > 1 and words[1].startswith("--")):
            line = text.count("\n", 0, match.start()) + 1
            result = check_invocation(words, f"{where}:{line}", strict=False)
            if result:
                found.append(result)
    return found


# ---------------------------------------------------------------------------------------------
# Pipelines named by the manifests: their limits
# ---------------------------------------------------------------------------------------------
def pipeline_limits(config_path, where):
    limits = dict(DEFAULT_LIMITS)
    if not config_path:
        return limits
    if not config_path.startswith(INSTALLED_CONFIGS):
        notes.append(f"{where}: pipeline {config_path} is not one the image installs; default limits assumed")
        return limits
    local = os.path.join(source, "configs", config_path[len(INSTALLED_CONFIGS):])
    if not os.path.isfile(local):
        problem(where, f"--config {config_path}: the image has no such pipeline (configs/{os.path.basename(local)} "
                       "is not in the source tree)")
        return limits
    config = json.load(open(local, encoding="utf-8"))
    for key in limits:
        limits[key] = config.get("limits", {}).get(key, limits[key])
    return limits


# ---------------------------------------------------------------------------------------------
# Kubernetes
# ---------------------------------------------------------------------------------------------
def cpu_cores(value):
    text = str(value)
    return float(text[:-1]) / 1000 if text.endswith("m") else float(text)


MEMORY_UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}


def memory_bytes(value):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?", str(value))
    if not match:
        raise ValueError(f"memory quantity {value!r}")
    return float(match.group(1)) * MEMORY_UNITS.get(match.group(2) or "", 1)


def pod_spec(obj):
    if obj.get("kind") in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
        return obj.get("spec", {}).get("template", {}).get("spec", {})
    if obj.get("kind") == "Pod":
        return obj.get("spec", {})
    return None


def is_chartflow_image(image):
    return re.search(r"(^|/)chartflow(:|@|$)", image or "") is not None


def container_argv(container, where):
    """chartflow's arguments in a container of the chartflow image, or None."""
    command, args = container.get("command"), [str(a) for a in container.get("args", [])]
    if not command:
        return args                       # the image's ENTRYPOINT is chartflow
    command = [str(c) for c in command]
    if os.path.basename(command[0]) == "chartflow":
        return command[1:] + args
    if os.path.basename(command[0]) in ("sh", "bash", "dash") and len(command) >= 3 and command[1] == "-c":
        script = command[2]
        if re.search(r'(^|[\s;&|(])(exec\s+)?chartflow\s+"\$@"', script):
            if not re.search(r"\btrap\b[^\n]*\bTERM\b", script) and not re.search(r'exec\s+chartflow\s+"\$@"', script):
                problem(where, "the shell wrapper runs chartflow as its child without forwarding SIGTERM (trap ... TERM): "
                               "as PID 1 it would keep the signal from chartflow, which then never stops gracefully")
            return args
        return None                       # a script of its own: its text is checked as text
    problem(where, f"command {command[0]!r}: cannot tell how it runs chartflow")
    return None


def mounts_of(container, spec):
    volumes = {v.get("name"): v for v in spec.get("volumes", []) or []}
    out = []
    for m in container.get("volumeMounts", []) or []:
        out.append((m.get("mountPath", "").rstrip("/") or "/", m, volumes.get(m.get("name"), {})))
    return out


def mount_for(path, mounts):
    best = None
    for mount_path, mount, volume in mounts:
        if path == mount_path or path.startswith(mount_path.rstrip("/") + "/"):
            if best is None or len(mount_path) > len(best[0]):
                best = (mount_path, mount, volume)
    return best


def first(values, name):
    got = values.get(name) or []
    return got[0] if got else None


k8s_objects = []       # (where, object)
claims = {}            # PersistentVolumeClaim name -> object
for name in sorted(os.listdir(os.path.join(source, K8S_DIR))) if os.path.isdir(os.path.join(source, K8S_DIR)) else []:
    path = os.path.join(source, K8S_DIR, name)
    if name.endswith((".yaml", ".yml")):
        text = open(path, encoding="utf-8").read()
        try:
            docs = [d for d in yaml.safe_load_all(text) if d is not None]
        except yaml.YAMLError as e:
            problem(rel(path), f"not valid YAML: {e}")
            continue
        for d in docs:
            if not isinstance(d, dict) or "kind" not in d or "apiVersion" not in d:
                problem(rel(path), "a document without kind and apiVersion")
                continue
            k8s_objects.append((f"{rel(path)} ({d['kind']} {d.get('metadata', {}).get('name')})", d))
            if d["kind"] == "PersistentVolumeClaim":
                claims[d["metadata"]["name"]] = d
        check_text(text, rel(path))

if not k8s_objects:
    problem(K8S_DIR, "no Kubernetes manifests")

definitions_path = os.path.join(source, K8S_DIR, "rabbitmq-queue.json")
definitions = None
if os.path.isfile(definitions_path):
    try:
        definitions = json.load(open(definitions_path, encoding="utf-8"))
    except ValueError as e:
        problem(rel(definitions_path), f"not valid JSON: {e}")
else:
    problem(rel(definitions_path), "missing (the RabbitMQ definitions of the queues)")

deployments, indexed_jobs, merge_jobs, run_jobs = [], [], [], []
for where, obj in k8s_objects:
    spec = pod_spec(obj)
    if spec is None:
        continue
    for container in spec.get("containers", []) or []:
        if not is_chartflow_image(container.get("image")):
            continue
        cwhere = f"{where} container {container.get('name')}"
        argv = container_argv(container, cwhere)
        if argv is None:
            continue
        result = check_invocation(argv, cwhere, strict=True)
        if not result:
            continue
        command, values = result
        # Credentials never on the command line.
        for word in argv:
            if re.search(r"(?i)passw(or)?d|secret|token", word) and not word.startswith("$("):
                problem(cwhere, f"argument {word!r} looks like a credential: credentials come from the environment or a file")
            if re.search(r"://[^/\s]*@", word):
                problem(cwhere, f"argument {word!r} has user:password@ in a URL: chartflow refuses it; use a Secret")
        for env in container.get("env", []) or []:
            if re.search(r"CHARTFLOW_BROKER_(USER|PASSWORD)$", env.get("name", "")) and "secretKeyRef" not in (env.get("valueFrom") or {}):
                problem(cwhere, f"env {env['name']} is not taken from a Secret (valueFrom.secretKeyRef)")
        entry = (where, obj, spec, container, command, values, cwhere)
        if obj["kind"] == "Deployment" and command == "worker":
            deployments.append(entry)
        elif obj["kind"] == "Job" and obj["spec"].get("completionMode") == "Indexed":
            indexed_jobs.append(entry)
        elif obj["kind"] == "Job" and command == "merge":
            merge_jobs.append(entry)
        elif obj["kind"] == "Job" and command == "run":
            run_jobs.append(entry)
        # Shared output on a ReadWriteMany claim.
        output = first(values, "output")
        if output:
            mount = mount_for(output.rstrip("/"), mounts_of(container, spec))
            claim = (mount[2].get("persistentVolumeClaim") or {}).get("claimName") if mount else None
            if not claim:
                problem(cwhere, f"--output {output} is not on a PersistentVolumeClaim: the shards or workers must share it")
            elif claim not in claims:
                problem(cwhere, f"--output {output} is on claim {claim!r}, which no manifest in {K8S_DIR} declares")
            elif "ReadWriteMany" not in claims[claim].get("spec", {}).get("accessModes", []):
                problem(cwhere, f"claim {claim!r} is not ReadWriteMany: pods on other nodes cannot share it")
            elif mount[1].get("readOnly"):
                problem(cwhere, f"--output {output} is mounted read-only")
        # Resources: OCR takes about a core per worker process.
        resources = container.get("resources", {}) or {}
        limits, requests = resources.get("limits", {}) or {}, resources.get("requests", {}) or {}
        for kind, table in (("limits", limits), ("requests", requests)):
            for key in ("cpu", "memory"):
                if key not in table:
                    problem(cwhere, f"no resources.{kind}.{key}")
        jobs = first(values, "jobs")
        if command in ("run", "worker"):
            if jobs is None:
                problem(cwhere, "no --jobs: chartflow would start one worker per core of the node, not of the pod")
            else:
                pipeline = pipeline_limits(first(values, "config"), cwhere)
                if "cpu" in limits and cpu_cores(limits["cpu"]) < int(jobs):
                    problem(cwhere, f"--jobs {jobs} with a CPU limit of {limits['cpu']}: about one core per worker process")
                if "memory" in limits:
                    need = int(jobs) * pipeline["worker_memory_mb"] * 2**20
                    if memory_bytes(limits["memory"]) <= need:
                        problem(cwhere, f"memory limit {limits['memory']} is not above --jobs {jobs} x limits.worker_memory_mb "
                                        f"({pipeline['worker_memory_mb']} MB): the kernel's OOM killer would act before chartflow")

# The worker Deployment.
if not deployments:
    problem(K8S_DIR, "no Deployment running `chartflow worker`")
for where, obj, spec, container, command, values, cwhere in deployments:
    for required in ("broker", "queue", "config", "output"):
        if not first(values, required):
            problem(cwhere, f"`chartflow worker` without --{required}")
    probe = container.get("livenessProbe")
    heartbeat = first(values, "heartbeat")
    if not probe:
        problem(cwhere, "no livenessProbe")
    if not container.get("readinessProbe"):
        problem(cwhere, "no readinessProbe")
    if not heartbeat:
        problem(cwhere, "no --heartbeat FILE for the liveness probe to watch")
    elif probe:
        probe_text = " ".join(str(c) for c in (probe.get("exec") or {}).get("command", []))
        if heartbeat not in probe_text:
            problem(cwhere, f"the liveness probe does not look at the --heartbeat file {heartbeat}")
        mount = mount_for(heartbeat, mounts_of(container, spec))
        if mount and "persistentVolumeClaim" in mount[2]:
            problem(cwhere, f"--heartbeat {heartbeat} is on a shared volume: each pod's own heartbeat belongs on an emptyDir")
    pipeline = pipeline_limits(first(values, "config"), cwhere)
    grace = spec.get("terminationGracePeriodSeconds", 30)
    if grace < pipeline["seconds_per_document"]:
        problem(cwhere, f"terminationGracePeriodSeconds {grace} is shorter than limits.seconds_per_document "
                        f"({pipeline['seconds_per_document']} s): SIGTERM lets the worker finish its documents")
    env_names = {e.get("name") for e in container.get("env", []) or []}
    if not ({"CHARTFLOW_BROKER_USER", "CHARTFLOW_BROKER_PASSWORD"} <= env_names or "CHARTFLOW_BROKER_CREDENTIALS_FILE" in env_names):
        problem(cwhere, "no broker credentials: CHARTFLOW_BROKER_USER and CHARTFLOW_BROKER_PASSWORD from a Secret, "
                        "or CHARTFLOW_BROKER_CREDENTIALS_FILE")

# The Indexed Job.
if not indexed_jobs:
    problem(K8S_DIR, "no Indexed Job (completionMode: Indexed) running `chartflow run`")
for where, obj, spec, container, command, values, cwhere in indexed_jobs:
    job = obj["spec"]
    if command != "run":
        problem(cwhere, f"the Indexed Job runs `chartflow {command}`, not `chartflow run`")
        continue
    completions = job.get("completions")
    if not isinstance(completions, int) or completions < 1:
        problem(cwhere, "an Indexed Job needs completions (the number of shards)")
    count = first(values, "shard-count")
    if count is None:
        problem(cwhere, "no --shard-count (JOB_COMPLETION_INDEX gives only the index)")
    elif str(count) != str(completions):
        problem(cwhere, f"--shard-count {count} but completions {completions}: shards would be missed or overlap")
    index = first(values, "shard-index")
    if index is not None and index != "$(JOB_COMPLETION_INDEX)":
        problem(cwhere, f"--shard-index {index}: every pod would take the same shard; leave it to JOB_COMPLETION_INDEX")
    if ("backoffLimitPerIndex" in job or "podFailurePolicy" in job) and spec.get("restartPolicy") != "Never":
        problem(cwhere, "backoffLimitPerIndex and podFailurePolicy need restartPolicy: Never")
    names = {c.get("name") for c in spec.get("containers", [])}
    for rule in (job.get("podFailurePolicy") or {}).get("rules", []):
        on_exit = rule.get("onExitCodes")
        if on_exit and on_exit.get("containerName") and on_exit["containerName"] not in names:
            problem(cwhere, f"podFailurePolicy names container {on_exit['containerName']!r}, which the Job does not have")
        if rule.get("action") == "FailIndex" and "backoffLimitPerIndex" not in job:
            problem(cwhere, "podFailurePolicy action FailIndex needs backoffLimitPerIndex")
    if not merge_jobs:
        problem(K8S_DIR, "no Job running `chartflow merge` for the shards")
    for mwhere, mobj, mspec, mcontainer, mcommand, mvalues, mcwhere in merge_jobs:
        if first(mvalues, "output") != first(values, "output"):
            problem(mcwhere, f"merges {first(mvalues, 'output')}, but the shards write {first(values, 'output')}")
        mclaims = {(v.get("persistentVolumeClaim") or {}).get("claimName") for v in mspec.get("volumes", [])}
        sclaims = {(v.get("persistentVolumeClaim") or {}).get("claimName") for v in spec.get("volumes", [])}
        if not (mclaims & sclaims) - {None}:
            problem(mcwhere, "does not mount the shards' volume")

# ---------------------------------------------------------------------------------------------
# RabbitMQ definitions
# ---------------------------------------------------------------------------------------------
if definitions is not None:
    where = rel(definitions_path)
    queues = {}
    for q in definitions.get("queues", []):
        queues[(q.get("vhost", "/"), q.get("name"))] = q
    vhosts = {v.get("name") for v in definitions.get("vhosts", [])}
    exchanges = {(e.get("vhost", "/"), e.get("name")) for e in definitions.get("exchanges", [])}
    bindings = definitions.get("bindings", [])
    dead_lettering = 0
    for (vhost, name), q in queues.items():
        qwhere = f"{where} queue {name!r} (vhost {vhost!r})"
        args = q.get("arguments", {}) or {}
        if vhosts and vhost not in vhosts:
            problem(qwhere, f"vhost {vhost!r} is not among the file's vhosts")
        if q.get("durable") is not True or q.get("auto_delete"):
            problem(qwhere, "must be durable and not auto-delete (quorum queues are always durable)")
        if args.get("x-queue-type") != "quorum":
            problem(qwhere, f"x-queue-type is {args.get('x-queue-type')!r}, not 'quorum'")
        if "x-dead-letter-routing-key" in args or "x-dead-letter-exchange" in args:
            dead_lettering += 1
            limit = args.get("x-delivery-limit")
            if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
                problem(qwhere, f"x-delivery-limit {limit!r}: a positive whole number is needed for poison documents to stop")
            exchange = args.get("x-dead-letter-exchange")
            key = args.get("x-dead-letter-routing-key", name)
            if exchange == "":
                targets = [key]                 # the default exchange routes to the queue of that name
            elif (vhost, exchange) in exchanges:
                targets = [b.get("destination") for b in bindings
                           if b.get("source") == exchange and b.get("vhost", "/") == vhost
                           and b.get("destination_type") == "queue" and b.get("routing_key") in (key, "#", "")]
            else:
                problem(qwhere, f"dead-letter exchange {exchange!r} is not declared in the file")
                targets = []
            if not targets:
                problem(qwhere, "dead letters would reach no queue")
            for target in targets:
                if (vhost, target) not in queues:
                    problem(qwhere, f"dead-letter target queue {target!r} is not declared in the file")
                elif (queues[(vhost, target)].get("arguments") or {}).get("x-queue-type") != "quorum":
                    problem(qwhere, f"dead-letter target {target!r} is not a quorum queue")
            if args.get("x-dead-letter-strategy") != "at-least-once":
                problem(qwhere, "x-dead-letter-strategy is not at-least-once: dead letters could be lost between the queues")
            elif args.get("x-overflow") != "reject-publish":
                problem(qwhere, "at-least-once dead-lettering needs x-overflow reject-publish (otherwise it falls back to at-most-once)")
    if not dead_lettering:
        problem(where, "no queue with a delivery limit and dead-lettering")
    # The worker consumes a queue the file declares, in the URL's virtual host, dead-lettering to Q.quarantine.
    for _, _, _, _, _, values, cwhere in deployments:
        broker, queue = first(values, "broker"), first(values, "queue")
        if not broker or not queue:
            continue
        url = urlsplit(broker)
        if url.scheme not in ("amqp", "amqps"):
            problem(cwhere, f"--broker {broker}: not an amqp:// or amqps:// URL")
        vhost = unquote(url.path[1:]) if url.path not in ("", "/") else "/"
        q = queues.get((vhost, queue))
        if not q:
            problem(cwhere, f"--queue {queue} in vhost {vhost!r} (from --broker) is not declared in {where}")
        else:
            args = q.get("arguments", {}) or {}
            if args.get("x-dead-letter-exchange") != "" or args.get("x-dead-letter-routing-key") != queue + ".quarantine":
                problem(where, f"queue {queue!r} must dead-letter to {queue + '.quarantine'!r} through the default exchange, "
                               "as `chartflow worker` declares it; otherwise declaring it again fails with PRECONDITION_FAILED")

# ---------------------------------------------------------------------------------------------
# Slurm
# ---------------------------------------------------------------------------------------------
slurm_scripts = {}
slurm_dir = os.path.join(source, SLURM_DIR)
for name in sorted(os.listdir(slurm_dir)) if os.path.isdir(slurm_dir) else []:
    if not name.endswith((".sbatch", ".sh")):
        continue
    path = os.path.join(slurm_dir, name)
    text = open(path, encoding="utf-8").read()
    slurm_scripts[name] = text
    syntax = subprocess.run(["bash", "-n", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if syntax.returncode != 0:
        problem(rel(path), "bash -n: " + syntax.stdout.strip())
    seen_command = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#SBATCH") and seen_command:
            problem(f"{rel(path)}:{number}", "#SBATCH after the first command: sbatch ignores it")
        if stripped and not stripped.startswith("#"):
            seen_command = True
    invocations = check_text(text, rel(path))
    directives = dict(re.findall(r"^#SBATCH\s+--([a-z-]+)(?:[= ](\S+))?", text, re.M))
    commands = {c for c, _ in invocations}
    if "run" in commands:
        for needed in ("array", "cpus-per-task", "mem", "time"):
            if needed not in directives:
                problem(rel(path), f"no #SBATCH --{needed}")
        for c, values in invocations:
            if c == "run" and not values.get("jobs"):
                problem(rel(path), "`chartflow run` without --jobs (one worker process per CPU of the task)")

array_scripts = [n for n, t in slurm_scripts.items() if re.search(r"^#SBATCH\s+--array", t, re.M)]
merge_scripts = [n for n, t in slurm_scripts.items() if re.search(r"^\s*(exec\s+)?chartflow merge\b", t, re.M)]
if not array_scripts:
    problem(SLURM_DIR, "no sbatch array script (#SBATCH --array)")
if not merge_scripts:
    problem(SLURM_DIR, "no sbatch script running `chartflow merge`")


def default_of(text, variable):
    match = re.search(r"^%s=\$\{%s:-([^}]*)\}" % (variable, variable), text, re.M)
    return match.group(1) if match else None


for a in array_scripts:
    for m in merge_scripts:
        out_a, out_m = default_of(slurm_scripts[a], "OUTPUT"), default_of(slurm_scripts[m], "OUTPUT")
        if out_a != out_m:
            problem(f"{SLURM_DIR}/{m}", f"merges OUTPUT {out_m!r} by default, but {a} writes {out_a!r}")

# ---------------------------------------------------------------------------------------------
# docs/scale-out.md
# ---------------------------------------------------------------------------------------------
doc_path = os.path.join(source, DOC)
if not os.path.isfile(doc_path):
    problem(DOC, "missing")
else:
    doc = open(doc_path, encoding="utf-8").read()
    fence = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
    for block in fence.finditer(doc):
        line = doc.count("\n", 0, block.start(1))
        check_text("\n" * line + block.group(1), DOC)
    prose = fence.sub(lambda m: "\n" * m.group(0).count("\n"), doc)
    for span in re.finditer(r"`([^`\n]+)`", prose):
        line = prose.count("\n", 0, span.start())
        check_text("\n" * line + span.group(1), DOC)
    for path in sorted(set(re.findall(r"\bdocker/[A-Za-z0-9_./-]*[A-Za-z0-9_]", doc))):
        if not os.path.exists(os.path.join(source, path)):
            problem(DOC, f"names {path}, which does not exist")
    manifests = [f"{K8S_DIR}/{n}" for n in sorted(os.listdir(os.path.join(source, K8S_DIR)))] if os.path.isdir(os.path.join(source, K8S_DIR)) else []
    manifests += [f"{SLURM_DIR}/{n}" for n in sorted(slurm_scripts)]
    for path in manifests:
        if path not in doc:
            problem(DOC, f"does not explain {path}")

# ---------------------------------------------------------------------------------------------
print(f"manifests_test: {len(k8s_objects)} Kubernetes objects, {len(slurm_scripts)} Slurm scripts, "
      f"{'the' if definitions is not None else 'no'} RabbitMQ definitions and {DOC}, against {len(SPEC)} commands of kSpec")
for note in notes:
    print("note: " + note)
if problems:
    print(f"\n{len(problems)} problem(s):\n")
    for p in problems:
        print("- " + p)
    sys.exit(1)
print("OK: the manifests and docs/scale-out.md agree with each other and with chartflow's command line")
