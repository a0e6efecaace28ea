#!/usr/bin/env python3
"""The Docker image's runtime stage has every shared library and data package chartflow needs.

No Docker engine is needed: the runtime stage's package list is read from docker/Dockerfile (its
last FROM stage, debian:12-slim) and checked against this Debian 12 machine's package database.

  1. The program and plugins the image gets are found by installing the build tree into a
     temporary prefix (`cmake --install`, what the Dockerfile's build stage does into
     /opt/chartflow); the executables it installs under bin/ and every plugin under
     lib/chartflow/plugins/*/*.so are checked, both the build tree's files and the installed ones.
  2. `ldd` resolves each one's shared libraries ("not found" is a failure); `dpkg -S` names the
     Debian package that owns each library (merged /usr: /lib and /usr/lib forms are both tried).
  3. That package must be one the runtime stage's `apt-get install` lists, a Depends/Pre-Depends
     of one (transitively, from `dpkg-query` on this machine), or one debian:12-slim already has
     (SLIM_BASE below). Libraries chartflow builds itself (in the build tree or the install) pass.
  4. Data the image needs at run time: the Tesseract model of every language the installed
     pipelines OCR in (tesseract-ocr-eng) when ocr-tesseract or pdf-reader is built, and the
     system CA certificates (ca-certificates) when the fhir or hl7v2 sink is built (HTTPS and
     MLLP/TLS verify servers against the system's CAs unless a pipeline gives ca_file).
  5. The install tree holds every built plugin with all its data files and share/chartflow
     (the DRG tables), and the runtime stage copies the build stage's install prefix.

Each missing library is reported with the programs/plugins that need it (directly or through
which library), the package that provides it, and what to add to the Dockerfile.

runtime_libs_test.py SOURCE_DIR BUILD_DIR"""
import glob
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile

# What debian:12-slim (debian:bookworm-slim) already contains: its Essential and Required packages
# and apt. Taken from the image's package list (docker-library/repo-info,
# repos/debian/local/bookworm-slim.md); it is the same across Debian 12 point releases. Anything a
# chartflow binary needs from this set needs no line in the Dockerfile.
SLIM_BASE = {
    "adduser", "apt", "base-files", "base-passwd", "bash", "bsdutils", "coreutils", "dash",
    "debconf", "debian-archive-keyring", "debianutils", "diffutils", "dpkg", "e2fsprogs",
    "findutils", "gcc-12-base", "gpgv", "grep", "gzip", "hostname", "init-system-helpers",
    "libacl1", "libapt-pkg6.0", "libattr1", "libaudit-common", "libaudit1", "libblkid1",
    "libbz2-1.0", "libc-bin", "libc6", "libcap-ng0", "libcap2", "libcom-err2", "libcrypt1",
    "libdb5.3", "libdebconfclient0", "libext2fs2", "libffi8", "libgcc-s1", "libgcrypt20",
    "libgmp10", "libgnutls30", "libgpg-error0", "libhogweed6", "libidn2-0", "liblz4-1", "liblzma5",
    "libmd0", "libmount1", "libnettle8", "libp11-kit0", "libpam-modules", "libpam-modules-bin",
    "libpam-runtime", "libpam0g", "libpcre2-8-0", "libseccomp2", "libselinux1",
    "libsemanage-common", "libsemanage2", "libsepol2", "libsmartcols1", "libss2", "libstdc++6",
    "libsystemd0", "libtasn1-6", "libtinfo6", "libudev1", "libunistring2", "libuuid1",
    "libxxhash0", "libzstd1", "login", "logsave", "mawk", "mount", "ncurses-base", "ncurses-bin",
    "passwd", "perl-base", "sed", "sysvinit-utils", "tar", "tzdata", "usr-is-merged",
    "util-linux", "util-linux-extra", "zlib1g",
}
SLIM_IMAGE = re.compile(r"^(docker\.io/)?(library/)?debian:(12|bookworm)(\.\d+)?(-\d{8})?-slim(@sha256:[0-9a-f]+)?$")

OCR_PLUGINS = ("ocr-tesseract", "pdf-reader")   # both run Tesseract: they need its language models
TLS_PLUGINS = ("fhir", "hl7v2")                 # verify servers against the system CAs by default

if len(sys.argv) != 3:
    sys.exit(__doc__.rsplit("\n", 1)[-1])
source, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
dockerfile_path = os.path.join(source, "docker/Dockerfile")
problems = []   # each a paragraph of the final report
notes = []


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, **kw)


# ---------------------------------------------------------------------------------------------
# docker/Dockerfile
# ---------------------------------------------------------------------------------------------
def dockerfile_instructions(path):
    """(line number, keyword, arguments) of each instruction, continuation lines joined."""
    out, pending, start = [], "", 0
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):      # comments inside a continued instruction
            continue
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        pending += stripped
        keyword, _, args = pending.strip().partition(" ")
        out.append((start, keyword.upper(), args.strip()))
        pending = ""
    if pending:
        keyword, _, args = pending.strip().partition(" ")
        out.append((start, keyword.upper(), args.strip()))
    return out


def shell_text(args):
    """A RUN/CMD argument as shell text (exec form joined)."""
    if args.startswith("["):
        try:
            return " ".join(shlex.quote(a) for a in json.loads(args))
        except ValueError:
            pass
    return args


def simple_commands(text):
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    command = []
    for token in lexer:
        if token in ("&&", "||", ";", "|", "&", "(", ")", ";;"):
            if command:
                yield command
            command = []
        else:
            command.append(token)
    if command:
        yield command


APT_OPTIONS_WITH_VALUE = {"-o", "-t", "-c", "--option", "--target-release", "--default-release", "--config-file"}


def apt_install_packages(command):
    """Packages an `apt-get install` (or `apt install`) simple command installs, with its options."""
    words = [w for w in command if "=" not in w or not re.match(r"^[A-Z_][A-Z0-9_]*=", w)]  # VAR=x prefixes
    for i, w in enumerate(words):
        if os.path.basename(w) in ("apt-get", "apt"):
            rest = words[i + 1:]
            break
    else:
        return None
    packages, options, seen_install, skip = [], [], False, False
    for w in rest:
        if skip:
            skip = False
            continue
        if w.startswith("-"):
            options.append(w)
            skip = w in APT_OPTIONS_WITH_VALUE
            continue
        if not seen_install:
            if w != "install":
                return None
            seen_install = True
            continue
        packages.append(w)
    return (packages, options) if seen_install else None


def parse_dockerfile(path):
    instructions = dockerfile_instructions(path)
    stages = []   # {"line", "image", "name", "instructions": [...]}
    for number, keyword, args in instructions:
        if keyword == "FROM":
            words = [w for w in args.split() if not w.startswith("--")]
            stages.append({"line": number, "image": words[0] if words else "",
                           "name": words[2] if len(words) >= 3 and words[1].lower() == "as" else str(len(stages)),
                           "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((number, keyword, args))
    return stages


def check_dockerfile():
    if not os.path.isfile(dockerfile_path):
        sys.exit(f"runtime_libs_test: {dockerfile_path} is missing")
    stages = parse_dockerfile(dockerfile_path)
    if not stages:
        sys.exit("runtime_libs_test: docker/Dockerfile has no FROM")
    runtime = stages[-1]
    if not SLIM_IMAGE.match(runtime["image"]):
        problems.append(f"the runtime stage (docker/Dockerfile line {runtime['line']}) is FROM {runtime['image']}; this check's "
                        "list of packages the base image already has (SLIM_BASE) is debian:12-slim's: update both together")
    listed, install_lines, no_recommends = [], [], True
    for number, keyword, args in runtime["instructions"]:
        if keyword != "RUN":
            continue
        for command in simple_commands(shell_text(args)):
            found = apt_install_packages(command)
            if not found:
                continue
            packages, options = found
            install_lines.append(number)
            no_recommends &= "--no-install-recommends" in options
            for p in packages:
                if "$" in p:
                    problems.append(f"docker/Dockerfile line {number}: cannot read the package name {p!r} (a variable)")
                    continue
                name = re.split(r"[=/]", p, 1)[0].split(":", 1)[0]   # drop =version, /release, :arch
                if name not in listed:
                    listed.append(name)
    if not install_lines:
        notes.append("the runtime stage runs no `apt-get install`: only debian:12-slim's own packages are there")
    elif not no_recommends:
        notes.append("the runtime stage's apt-get install lacks --no-install-recommends (the image gets Recommends too; "
                     "this check counts Depends and Pre-Depends only)")
    return stages, runtime, listed, install_lines


# ---------------------------------------------------------------------------------------------
# The installed tree and the files to check
# ---------------------------------------------------------------------------------------------
def cmake_command():
    cache = os.path.join(build, "CMakeCache.txt")
    if os.path.isfile(cache):
        for line in open(cache, encoding="utf-8", errors="replace"):
            if line.startswith("CMAKE_COMMAND:INTERNAL="):
                path = line.split("=", 1)[1].strip()
                if os.access(path, os.X_OK):
                    return path
    return shutil.which("cmake")


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def installed_executable_targets():
    """Targets with install(TARGETS ... RUNTIME ...) rules in the sources that are executables."""
    texts = []
    for pattern in ("CMakeLists.txt", "cmake/*.cmake", "pipeline/**/CMakeLists.txt", "plugins/**/CMakeLists.txt"):
        for path in glob.glob(os.path.join(source, pattern), recursive=True):
            texts.append(open(path, encoding="utf-8", errors="replace").read())
    text = "\n".join(texts)
    executables = set(re.findall(r"add_executable\(\s*([A-Za-z0-9_.+-]+)", text))
    names = set()
    for body in re.findall(r"install\(\s*TARGETS\s+([^)]*)\)", text):
        words = body.split()
        targets = []
        for w in words:
            if w.isupper() and w.replace("_", "").isalpha():
                break
            targets.append(w)
        names.update(t for t in targets if t in executables)
    return names


def elf_needed(path):
    """DT_NEEDED entries of an ELF file (None if it cannot be read)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data[:4] != b"\x7fELF":
            return None
        is64, e = data[4] == 2, "<" if data[5] == 1 else ">"
        if is64:
            phoff = struct.unpack_from(e + "Q", data, 0x20)[0]
            phentsize, phnum = struct.unpack_from(e + "HH", data, 0x36)
        else:
            phoff = struct.unpack_from(e + "I", data, 0x1C)[0]
            phentsize, phnum = struct.unpack_from(e + "HH", data, 0x2A)
        loads, dynamic = [], None
        for i in range(phnum):
            off = phoff + i * phentsize
            if is64:
                p_type, _, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(e + "IIQQQQ", data, off)
            else:
                p_type, p_offset, p_vaddr, _, p_filesz = struct.unpack_from(e + "IIIII", data, off)
            if p_type == 1:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == 2:
                dynamic = (p_offset, p_filesz)
        if dynamic is None:
            return []
        entry, size = (e + "qQ", 16) if is64 else (e + "iI", 8)
        needed, strtab = [], None
        for off in range(dynamic[0], dynamic[0] + dynamic[1], size):
            tag, value = struct.unpack_from(entry, data, off)
            if tag == 0:
                break
            if tag == 1:
                needed.append(value)
            elif tag == 5:
                strtab = value
        if strtab is None:
            return None
        base = next((off + strtab - vaddr for vaddr, off, filesz in loads if vaddr <= strtab < vaddr + filesz), None)
        if base is None:
            return None
        return [data[base + n:data.index(b"\0", base + n)].decode() for n in needed]
    except (OSError, struct.error, ValueError, UnicodeDecodeError):
        return None


LDD_ENV = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "LD_PRELOAD", "LD_AUDIT")}


def ldd(path):
    """{soname: resolved path or None (not found)}."""
    result = run(["ldd", path], env=LDD_ENV)
    libs = {}
    for line in result.stdout.splitlines():
        line = line.strip()
        m = re.match(r"^(\S+)\s+=>\s+not found", line)
        if m:
            libs[m.group(1)] = None
            continue
        m = re.match(r"^(\S+)\s+=>\s+(/\S+)\s+\(0x[0-9a-f]+\)$", line)
        if m:
            libs[m.group(1)] = m.group(2)
            continue
        m = re.match(r"^(/\S+)\s+\(0x[0-9a-f]+\)$", line)       # the dynamic loader
        if m:
            libs[os.path.basename(m.group(1))] = m.group(1)
    if result.returncode != 0 and not libs and "not a dynamic executable" not in result.stdout + result.stderr:
        problems.append(f"ldd {path} failed: {result.stderr.strip() or result.stdout.strip()}")
    return libs


# ---------------------------------------------------------------------------------------------
# The Debian package database
# ---------------------------------------------------------------------------------------------
def parse_relations(field):
    """'a (>= 1) | b:any, c' -> [['a', 'b'], ['c']]"""
    groups = []
    for group in field.split(","):
        alternatives = []
        for alt in group.split("|"):
            alt = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alt).strip()
            if alt:
                alternatives.append(alt.split(":", 1)[0])
        if alternatives:
            groups.append(alternatives)
    return groups


def load_dpkg_db():
    out = run(["dpkg-query", "-W", "-f=${Package}\t${Status}\t${Depends}\t${Pre-Depends}\t${Provides}\n"])
    if out.returncode != 0 and not out.stdout:
        sys.exit("runtime_libs_test: dpkg-query failed (this check needs Debian 12's dpkg): " + out.stderr.strip())
    depends, providers = {}, {}
    for line in out.stdout.splitlines():
        fields = line.split("\t")
        if len(fields) < 5 or not fields[1].endswith(" installed"):
            continue
        name = fields[0]
        depends.setdefault(name, []).extend(parse_relations(fields[2]) + parse_relations(fields[3]))
        for group in parse_relations(fields[4]):
            providers.setdefault(group[0], set()).add(name)
    return depends, providers


def closure(roots, depends, providers):
    """Packages apt installs for `roots` (Depends and Pre-Depends, transitively, no Recommends), on top
    of SLIM_BASE. For alternatives, one already present wins, else the first installed here (apt
    takes the first that can be installed)."""
    present = set()

    def satisfied(name):
        return name in present or name in SLIM_BASE or bool(providers.get(name, set()) & (present | SLIM_BASE))

    stack, pending = list(roots), []
    while True:
        while stack:
            p = stack.pop()
            if p in present or p in SLIM_BASE:
                continue
            present.add(p)
            for group in depends.get(p, []):
                if len(group) == 1 and (group[0] in depends or not providers.get(group[0])):
                    stack.append(group[0])   # a real package (or one unknown here): it is installed
                else:
                    pending.append(group)    # alternatives or a virtual package: decided below
        progress = False
        for group in pending:
            if any(satisfied(a) for a in group):
                continue
            choice = next((a for a in group if a in depends), None)
            if choice is None:
                choice = next((sorted(providers[a])[0] for a in group if providers.get(a)), group[0])
            stack.append(choice)
            progress = True
            break
        pending = [g for g in pending if not any(satisfied(a) for a in g)]
        if not progress and not stack:
            return present


def usr_forms(path):
    forms = [path]
    m = re.match(r"^/usr(/(?:lib|lib32|lib64|libx32|bin|sbin)(?:/.*)?)$", path)
    if m:
        forms.append(m.group(1))
    elif re.match(r"^/(?:lib|lib32|lib64|libx32|bin|sbin)(?:/.*)?$", path):
        forms.append("/usr" + path)
    return forms


def owner_candidates(path):
    out = []
    real = os.path.realpath(path)
    for p in (path, real, os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))):
        for q in usr_forms(p):
            if q not in out:
                out.append(q)
    return out


def owners(paths):
    """{path: [packages]} through dpkg -S, trying /lib and /usr/lib forms and the symlink's target."""
    candidates = {p: owner_candidates(p) for p in paths}
    everything = sorted({c for cs in candidates.values() for c in cs})
    found = {}
    for i in range(0, len(everything), 200):
        out = run(["dpkg-query", "-S"] + everything[i:i + 200])
        for line in out.stdout.splitlines():
            if line.startswith("diversion by") or ": " not in line:
                continue
            packages, path = line.split(": ", 1)
            found.setdefault(path.strip(), []).extend(p.strip().split(":", 1)[0] for p in packages.split(","))
    return {p: next((found[c] for c in cs if c in found), []) for p, cs in candidates.items()}


# ---------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------
stages, runtime, listed, install_lines = check_dockerfile()
depends, providers = load_dpkg_db()
not_here = [p for p in listed if p not in depends and p not in providers]
if not_here:
    notes.append("listed in the runtime stage but not installed on this machine, so their dependencies are not counted: "
                 + " ".join(not_here))
available = closure(listed, depends, providers) | SLIM_BASE

work = tempfile.mkdtemp(prefix="cf-docker-libs-")
try:
    prefix = os.path.join(work, "prefix")
    cmake = cmake_command()
    if not cmake:
        sys.exit("runtime_libs_test: cmake is not on PATH (needed for cmake --install into a temporary prefix)")
    installed = run([cmake, "--install", build, "--prefix", prefix])
    if installed.returncode != 0:
        problems.append(f"cmake --install {build} failed:\n{installed.stdout}{installed.stderr}")

    # What to check: label -> [files]
    files = {}
    exe_targets = installed_executable_targets()
    installed_bin = sorted(os.path.basename(p) for p in glob.glob(os.path.join(prefix, "bin/*")) if is_elf(p))
    for name in sorted(exe_targets | set(installed_bin)):
        built, inst = os.path.join(build, "bin", name), os.path.join(prefix, "bin", name)
        if not os.path.isfile(built):
            problems.append(f"{name} has an install() rule but is not built at {built}")
        if name in exe_targets and not os.path.isfile(inst) and installed.returncode == 0:
            problems.append(f"{name} is not in the installed tree (bin/{name}): the image would not have it")
        files[name] = [p for p in (built, inst) if os.path.isfile(p)]
    built_plugins = sorted(glob.glob(os.path.join(build, "lib/chartflow/plugins/*/*.so")))
    installed_plugins = sorted(glob.glob(os.path.join(prefix, "lib/chartflow/plugins/*/*.so")))
    for path in built_plugins + installed_plugins:
        files.setdefault("plugin " + os.path.basename(os.path.dirname(path)), []).append(path)
    for path in sorted(glob.glob(os.path.join(prefix, "**/*"), recursive=True)):   # any other ELF file installed
        if os.path.isfile(path) and not os.path.islink(path) and path not in installed_plugins \
                and os.path.dirname(path) != os.path.join(prefix, "bin") and is_elf(path):
            files.setdefault(os.path.relpath(path, prefix), []).append(path)
    if not any(label.startswith("plugin ") for label in files):
        problems.append(f"no plugins under {build}/lib/chartflow/plugins: is the build tree built?")

    # Every built plugin installed with all its files; share/chartflow (DRG tables) installed.
    if installed.returncode == 0:
        for plugin_dir in sorted(glob.glob(os.path.join(build, "lib/chartflow/plugins/*/"))):
            name = os.path.basename(os.path.dirname(plugin_dir))
            missing = []
            for path in glob.glob(os.path.join(plugin_dir, "**/*"), recursive=True):
                rel = os.path.relpath(path, plugin_dir)
                if os.path.isfile(path) and not rel.endswith((".tar.gz", ".unpacked")) \
                        and not os.path.isfile(os.path.join(prefix, "lib/chartflow/plugins", name, rel)):
                    missing.append(rel)
            if missing:
                problems.append(f"plugin {name}: cmake --install leaves out {len(missing)} of its files "
                                f"(e.g. {', '.join(sorted(missing)[:3])}): the image would not have them")
        share = os.path.join(build, "share/chartflow")
        for path in glob.glob(os.path.join(share, "**/*"), recursive=True):
            rel = os.path.relpath(path, share)
            if os.path.isfile(path) and not os.path.isfile(os.path.join(prefix, "share/chartflow", rel)):
                problems.append(f"share/chartflow/{rel} is in the build tree but cmake --install does not install it")
                break
        if os.path.isdir(os.path.join(source, "plugins/drg-grouper/data")) and \
                not glob.glob(os.path.join(prefix, "share/chartflow/drg/*/*")):
            problems.append("share/chartflow/drg (the MS-DRG and MCE tables) is not in the installed tree")

    # The runtime stage copies the build stage's install prefix and runs the program from there.
    prefixes = []
    for stage in stages[:-1]:
        for number, keyword, args in stage["instructions"]:
            if keyword == "RUN":
                prefixes += re.findall(r"cmake\s+--install\s+\S+\s+--prefix[ =](\S+)", shell_text(args))
    copies = [args.split() for _, keyword, args in runtime["instructions"] if keyword == "COPY" and "--from=" in args]
    earlier_text = "\n".join(args for stage in stages[:-1] for _, _, args in stage["instructions"])
    if not prefixes:
        problems.append("no build stage of docker/Dockerfile runs `cmake --install ... --prefix DIR`")
    for p in prefixes:
        p = p.rstrip("/")
        copy = next((c for c in copies if len(c) >= 3 and p.startswith(c[-2].rstrip("/"))), None)
        if copy is None:
            problems.append(f"the runtime stage does not COPY --from the build stage's install prefix {p}: "
                            f"add `COPY --from=build {p} {p}`")
            continue
        for _, keyword, args in runtime["instructions"]:
            if keyword in ("CMD", "ENTRYPOINT"):
                for token in shlex.split(shell_text(args)):
                    if token.startswith(p + "/") and token not in earlier_text:
                        if not os.path.exists(os.path.join(prefix, os.path.relpath(token, p))) and installed.returncode == 0:
                            problems.append(f"the runtime stage's {keyword} names {token}, which cmake --install does not install")

    # ldd every file; the library graph says through which library each one is needed.
    per_file = {}           # file -> {soname: path, None if not found}
    for label, paths in files.items():
        for path in paths:
            per_file[path] = ldd(path)
    needed_cache = {}

    def needed_of(path):
        if path not in needed_cache:
            needed_cache[path] = elf_needed(path)
        return needed_cache[path]

    users = {}              # library path (or 'not found:soname') -> {label: set of "how"}
    direct_packages_libs = set()
    for label, paths in files.items():
        for path in paths:
            libs = per_file[path]
            tree = "installed copy" if path.startswith(prefix + "/") else "build tree"
            # Breadth-first from the file: the first library through which each soname comes.
            via = {}
            queue = [(path, None)]
            seen = {path}
            while queue:
                current, through = queue.pop(0)
                for soname in needed_of(current) or []:
                    if soname not in via:
                        via[soname] = through
                        target = libs.get(soname)
                        if target and target not in seen:
                            seen.add(target)
                            queue.append((target, through or soname))
            for soname, target in libs.items():
                if target and (os.path.realpath(target).startswith((build + "/", prefix + "/"))):
                    continue   # built by chartflow itself
                how = f"through {via[soname]}" if via.get(soname) else ("directly" if soname in via else "through its libraries")
                key = target or f"not found:{soname}"
                users.setdefault(key, {}).setdefault(label, set()).add(how if target else f"{how}, {tree}")
                if target and soname in via and not via[soname]:
                    direct_packages_libs.add(target)

    lib_paths = sorted(k for k in users if not k.startswith("not found:"))
    owner = owners(lib_paths)

    def who(key):
        return "; ".join(f"{label} ({', '.join(sorted(hows))})" for label, hows in sorted(users[key].items()))

    missing_libs = []       # (path, packages)
    for key in sorted(users):
        if key.startswith("not found:"):
            problems.append(f"{key.split(':', 1)[1]}: NOT FOUND by ldd\n    needed by: {who(key)}\n"
                            "    install the library (and its package in the Dockerfile) or fix the RUNPATH")
            continue
        packages = owner.get(key) or []
        if not packages:
            problems.append(f"{key}: no Debian package owns it (a hand-installed library the image will not have)\n"
                            f"    needed by: {who(key)}")
            continue
        if not any(p in available for p in packages):
            missing_libs.append((key, packages))

    # Data the image needs at run time.
    missing_data = []       # (package, why, needed by)
    plugins_built = {label.split(" ", 1)[1] for label in files if label.startswith("plugin ")}
    ocr_plugins = [p for p in OCR_PLUGINS if p in plugins_built]
    if ocr_plugins:
        languages = {}
        config_dir = os.path.join(prefix, "share/chartflow/configs")
        for config in sorted(glob.glob(os.path.join(config_dir, "*.json"))) or []:
            try:
                stages_json = json.load(open(config, encoding="utf-8")).get("stages", [])
            except (ValueError, AttributeError):
                continue
            for stage in stages_json:
                if isinstance(stage, dict) and stage.get("plugin") in OCR_PLUGINS:
                    for lang in str((stage.get("config") or {}).get("language", "eng")).split("+"):
                        languages.setdefault(lang.strip(), set()).add(os.path.basename(config))
        languages.setdefault("eng", set())    # the plugins' default language
        for lang, configs in sorted(languages.items()):
            package = "tesseract-ocr-" + lang.lower().replace("_", "-")
            if package not in available:
                shown = f" (language \"{lang}\" in share/chartflow/configs/{', '.join(sorted(configs))})" if configs else \
                        f" (language \"{lang}\", the plugins' default)"
                missing_data.append((package, f"the Tesseract model {lang}.traineddata{shown}",
                                     ", ".join("plugin " + p for p in ocr_plugins)))
    tls_plugins = [p for p in TLS_PLUGINS if p in plugins_built]
    if tls_plugins and "ca-certificates" not in available:
        missing_data.append(("ca-certificates", "the system CA certificates that HTTPS and MLLP/TLS verify servers "
                             "against when a pipeline gives no ca_file", ", ".join("plugin " + p for p in tls_plugins)))

    # What to add: the packages of libraries our files link directly, then whatever else is still
    # uncovered (dropping packages that another suggested package brings anyway).
    suggested = []
    for path, packages in missing_libs:
        if path in direct_packages_libs and packages[0] not in suggested:
            suggested.append(packages[0])
    for package, _, _ in missing_data:
        if package not in suggested:
            suggested.append(package)
    covered = closure(listed + suggested, depends, providers) | SLIM_BASE
    for path, packages in missing_libs:
        if not any(p in covered for p in packages):
            suggested.append(packages[0])
            covered = closure(listed + suggested, depends, providers) | SLIM_BASE

    install_line = f"the RUN at line {install_lines[0]}" if install_lines else "a RUN apt-get install to add"
    for path, packages in missing_libs:
        package = packages[0]
        if package in suggested:
            fix = f"add `{package}` to the runtime stage's apt-get install (docker/Dockerfile {install_line})"
        else:
            bringer = next((s for s in suggested if package in closure([s], depends, providers)), None)
            fix = f"comes with `{bringer}` (suggested below)" if bringer else f"add `{package}`"
        problems.append(f"{os.path.basename(path)} ({path}): MISSING from the image\n"
                        f"    needed by: {who(path)}\n"
                        f"    provided by Debian package: {', '.join(packages)}\n"
                        f"    fix: {fix}")
    for package, why, by in missing_data:
        problems.append(f"{package}: MISSING from the image ({why})\n    needed by: {by}\n"
                        f"    fix: add `{package}` to the runtime stage's apt-get install (docker/Dockerfile {install_line})")

    checked = sum(len(p) for p in files.values())
    print(f"runtime_libs_test: docker/Dockerfile runtime stage FROM {runtime['image']}, {len(listed)} packages listed; "
          f"{checked} files checked ({sum(1 for p in files.values() if p)} programs and plugins, build tree and cmake --install), "
          f"{len(users)} shared libraries")
    for note in notes:
        print("note: " + note)
    if problems:
        print(f"\n{len(problems)} problem(s):\n")
        for problem in problems:
            print("- " + problem + "\n")
        if suggested:
            print(f"To fix, add to the runtime stage's apt-get install in docker/Dockerfile ({install_line}), keeping "
                  "--no-install-recommends:\n    " + " ".join(suggested) + " \\")
        sys.exit(1)
    print("OK: every shared library is in a package the runtime stage installs (or debian:12-slim has), "
          "and the image has its data packages")
finally:
    shutil.rmtree(work, ignore_errors=True)
