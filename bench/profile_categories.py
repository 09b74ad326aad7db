#!/usr/bin/env python3
"""Where the CPU of a profile goes: each sample of async-profiler's collapsed stacks to ONE category, as % per load.

usage: bench/profile_categories.py PROFILE.collapsed[.gz] ...   (bench/profile runs it over what it wrote)
       bench/profile_categories.py --top 8 PROFILE...           (also the frames that decided, per category: to check
                                                                 the rules against real stacks)
With bench/profile's .json next to each profile it also prints the JVM's CPU milliseconds per answered request by
category. Python 3 standard library only. A load's name is the file's name without <commit>- and .collapsed[.gz].

Rule order (the first rule that applies decides; frames are read leaf first):
 1. No Java frame in the stack: a JVM thread of its own -> "GC, JIT and other JVM threads" (GC workers, compiler
    threads, VM thread). GC or JIT work a Java thread does itself (allocation slow paths) stays with its Java caller.
 2. Features, inclusive: the first feature (in this order) with a frame anywhere in the stack takes the sample, with
    everything it calls (its encoding, its SQL). For requests only the frames below (leafwards of) HAPI's
    RestfulServer.handleRequest count here, so that Spring Security's filter chain, which wraps every request, does
    not take the whole request:
      validation, audit, module interceptors (a scheduling/notification frame called through HAPI's interceptor
      service), authorization rules, search narrowing, full-text indexing, JWT work (token decoding, signature check,
      authentication provider).
 3. Mechanisms, leaf upwards: the first frame from the leaf that matches a category's packages decides (JDK frames
    match nothing, so a HashMap.get or a socket write counts for the library that called it: the PostgreSQL driver's
    socket write is JDBC, Jackson's is parsing/encoding).
 4. Nothing matched: "other" (Spring MVC and transaction plumbing, JDK-only stacks).
"""
import collections
import gzip
import json
import os
import re
import sys

JAVA_FRAME = re.compile(r"^[A-Za-z_$][\w$]*(/[\w$]+)+\.[\w$<>]|_\[j\]$|_\[i\]$")
REQUEST = "ca/uhn/fhir/rest/server/RestfulServer.handleRequest"
HOOK = "ca/uhn/fhir/interceptor/executor/BaseInterceptorService"
MODULES = ("org/mediwox/scheduling/", "org/mediwox/notification/")

VM = "GC, JIT and other JVM threads"
# (category, frame prefixes): steps 2 (features, inclusive) and 3 (mechanisms, leaf upwards)
FEATURES = [
    ("validation", ("org/hl7/fhir/validation/", "org/hl7/fhir/common/hapi/validation/", "ca/uhn/fhir/validation/",
                    "org/mediwox/server/validation/", "ca/uhn/fhir/rest/server/interceptor/RequestValidating",
                    "ca/uhn/fhir/rest/server/interceptor/ResponseValidating")),
    ("audit", ("org/mediwox/server/audit/",)),
    ("module interceptors", None),  # module frames below a HAPI hook invocation, see module_interceptor()
    ("authorization rules", ("ca/uhn/fhir/rest/server/interceptor/auth/AuthorizationInterceptor",
                             "ca/uhn/fhir/rest/server/interceptor/auth/Rule", "ca/uhn/fhir/rest/server/interceptor/auth/Base",
                             "ca/uhn/fhir/rest/server/interceptor/auth/Operation",
                             "org/mediwox/server/security/SmartAuthorizationInterceptor",
                             "org/mediwox/server/security/PatientOperationGuard",
                             "org/mediwox/server/security/PatientReferenceGuard", "org/mediwox/server/security/SmartAccess",
                             "org/mediwox/server/security/BinaryAccessGuard", "org/mediwox/server/security/Overbooking")),
    ("search narrowing", ("ca/uhn/fhir/rest/server/interceptor/auth/SearchNarrowingInterceptor",
                          "org/mediwox/server/security/SmartSearchNarrowingInterceptor",
                          "org/mediwox/server/security/PatientQueryGuard")),
    ("full-text indexing", ("org/hibernate/search/", "org/apache/lucene/")),
    ("Spring Security & JWT", ("com/nimbusds/", "org/springframework/security/oauth2/jwt/",
                               "org/springframework/security/oauth2/server/resource/authentication/",
                               "org/springframework/security/authentication/",
                               "org/mediwox/server/security/PublishedKeySelector")),
]
MECHANISMS = [
    ("HAPI parsing/encoding", ("ca/uhn/fhir/parser/", "com/fasterxml/jackson/", "ca/uhn/fhir/rest/server/RestfulServerUtils.stream",
                               "ca/uhn/fhir/rest/server/RestfulServerUtils.encode")),
    ("JDBC / PostgreSQL driver", ("org/postgresql/", "com/zaxxer/hikari/")),
    ("full-text indexing", ("org/hibernate/search/", "org/apache/lucene/")),
    ("Hibernate ORM", ("org/hibernate/",)),
    ("Spring Security & JWT", ("org/springframework/security/", "com/nimbusds/", "org/mediwox/server/security/authserver/",
                               "org/mediwox/server/security/PublishedKeySelector",
                               # the filter chain's own settings (e.g. the firewall's header check)
                               "org/mediwox/server/security/SecurityConfiguration",
                               "org/mediwox/server/security/FhirSecurityConfiguration")),
    ("authorization rules", ("ca/uhn/fhir/rest/server/interceptor/auth/", "org/mediwox/server/security/")),
    ("validation", FEATURES[0][1]),
    ("audit", ("org/mediwox/server/audit/",)),
    ("module code (operations, background)", MODULES),
    ("HAPI search-parameter extraction", ("ca/uhn/fhir/jpa/searchparam/extractor/", "org/hl7/fhir/r4/utils/FHIRPath",
                                          "org/hl7/fhir/r4/fhirpath/")),
    ("HAPI JPA and REST, other", ("ca/uhn/fhir/", "org/hl7/fhir/")),
    ("Mediwox server, other", ("org/mediwox/",)),
    ("Tomcat/HTTP", ("org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/", "jakarta/servlet/")),
]
ORDER = ["Spring Security & JWT", "authorization rules", "search narrowing", "audit", "HAPI parsing/encoding",
         "validation", "full-text indexing", "module interceptors", "module code (operations, background)",
         "JDBC / PostgreSQL driver", "Hibernate ORM", "HAPI search-parameter extraction", "HAPI JPA and REST, other",
         "Mediwox server, other", "Tomcat/HTTP", VM, "other"]


def module_interceptor(frames):
    """A frame of a module called, however deep, from HAPI's interceptor service (frames are root first)."""
    hooked = False
    for frame in frames:
        if frame.startswith(HOOK):
            hooked = True
        elif hooked and frame.startswith(MODULES):
            return frame
    return None


def categorise(frames):
    """(category, deciding frame) of one stack, frames root first."""
    if not any(JAVA_FRAME.search(frame) for frame in frames):
        return VM, vm_kind(frames)
    requests = [i for i, frame in enumerate(frames) if frame.startswith(REQUEST)]
    scope = frames[requests[-1]:] if requests else frames
    for category, prefixes in FEATURES:
        if prefixes is None:
            frame = module_interceptor(scope)
            if frame:
                return category, frame
            continue
        for frame in scope:
            if frame.startswith(prefixes):
                return category, frame
    for frame in reversed(frames):
        for category, prefixes in MECHANISMS:
            if frame.startswith(prefixes):
                return category, frame
    return "other", frames[-1]


def vm_kind(frames):
    text = ";".join(frames)
    if re.search(r"G1|GC|Gang|WorkerThread|ConcurrentMark|Parallel|Mark|Evacuat|Refine", text):
        return "(GC)"
    if re.search(r"Compile|C2|C1|Compilation", text):
        return "(JIT compiler)"
    return "(other JVM)"


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    counts = collections.Counter()
    deciders = collections.defaultdict(collections.Counter)
    with opener(path, "rt") as lines:
        for line in lines:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            category, frame = categorise(stack.split(";"))
            counts[category] += int(count)
            deciders[category][short(frame)] += int(count)
    return counts, deciders


def short(frame):
    return re.sub(r"\$\$Lambda\$[\w./$]+", "$$Lambda", frame)


def load_name(path):
    name = re.sub(r"\.collapsed(\.gz)?$", "", os.path.basename(path))
    return name.split("-", 1)[1] if "-" in name else name


def window(path):
    """The figures bench/profile wrote next to a profile, or None."""
    json_path = re.sub(r"\.collapsed(\.gz)?$", ".json", path)
    if json_path == path or not os.path.exists(json_path):
        return None
    with open(json_path) as figures:
        return json.load(figures)


def main(argv):
    top = 0
    if argv[:1] == ["--top"]:
        top, argv = int(argv[1]), argv[2:]
    if not argv:
        raise SystemExit(__doc__)
    profiles = [(load_name(path), *read(path)) for path in argv]
    print("| category | " + " | ".join(name for name, _, _ in profiles) + " |")
    print("|---|" + "---:|" * len(profiles))
    for category in ORDER:
        cells = []
        for _, counts, _ in profiles:
            total = sum(counts.values())
            cells.append(f"{100 * counts[category] / total:.1f}" if total else "-")
        if any(cell not in ("0.0", "-") for cell in cells):
            print(f"| {category} | " + " | ".join(cells) + " |")
    print("| samples | " + " | ".join(str(sum(counts.values())) for _, counts, _ in profiles) + " |")
    windows = [window(path) for path in argv]
    if all(windows):
        # bench/profile's <commit>-<load>.json: the JVM's CPU seconds and the 2xx answers of the profiled window
        print("\nJVM CPU ms per answered request, by category (% x the window's JVM CPU seconds / 2xx answers):\n")
        print("| category | " + " | ".join(name for name, _, _ in profiles) + " |")
        print("|---|" + "---:|" * len(profiles))
        per_request = [1000 * w["jvm_cpu_s"] / w["ok"] for w in windows]
        for category in ORDER:
            cells = [f"{ms * counts[category] / sum(counts.values()):.2f}" for ms, (_, counts, _) in
                     zip(per_request, profiles)]
            if any(cell != "0.00" for cell in cells):
                print(f"| {category} | " + " | ".join(cells) + " |")
        print("| total | " + " | ".join(f"{ms:.2f}" for ms in per_request) + " |")
    for name, counts, deciders in profiles if top else []:
        print(f"\n## {name}: deciding frames, top {top} per category (% of all samples)")
        total = sum(counts.values())
        for category in ORDER:
            if counts[category]:
                print(f"{category}: {100 * counts[category] / total:.1f}%")
                for frame, n in deciders[category].most_common(top):
                    print(f"    {100 * n / total:5.1f}  {frame}")


if __name__ == "__main__":
    main(sys.argv[1:])
