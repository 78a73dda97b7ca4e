#!/usr/bin/env bash
# Runs every step of Quarkus's native build that needs no GraalVM (the native-image sources:
# reflection, resources, build-time initialisation, the native-image arguments) and checks what the
# release builds from them. Called from .ci/run after the tests: the classes are compiled already,
# so this adds only the native augmentation (about 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."

log=target/native-sources.log
mkdir -p target
if ! ./mvnw -B -ntp package -DskipTests -Dquarkus.native.enabled=true \
  -Dquarkus.native.sources-only=true >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "native sources: the build failed (whole output in $log)" >&2
  exit 1
fi

fail() {
  echo "native sources: $*" >&2
  exit 1
}

# Quarkus reports native problems (a class registered for reflection that is missing, a resource
# that cannot be included, ...) as build-step warnings: none is allowed.
if grep -E '^\[WARNING\] \[io\.quarkus' "$log"; then
  fail "the native build steps warned (above)"
fi

sources=target/native-sources
[[ -s "$sources/native-image.args" ]] || fail "$sources/native-image.args is missing"
runner=$(find "$sources" -maxdepth 1 -name '*-runner.jar' | head -n 1)
[[ -n "$runner" ]] || fail "no runner jar in $sources"

# The Lua scripts the Redis kinds load from the classpath, and the config interceptor for the
# legacy dss-cron.* names, must be in the image.
listing=$(unzip -l "$runner")
for lua in src/main/resources/lua/*.lua; do
  grep -q "lua/$(basename "$lua")" <<<"$listing" || fail "$lua is not in $runner"
done
unzip -p "$runner" META-INF/native-image/resource-config.json | grep -q 'lua/' \
  || fail "resource-config.json does not include lua/*.lua"
unzip -p "$runner" META-INF/services/io.smallrye.config.ConfigSourceInterceptor 2>/dev/null \
  | grep -q LegacyNamesInterceptor || fail "the legacy-names config interceptor is not registered"

# Jackson reads every answer body reflectively: each class of api that is a Body (directly or
# through Problem), and Body itself, whose @JsonNaming names their members, must be registered.
classes=$(cd target/classes && find org/allsitescron/api -name '*.class' | sed 's/\.class$//; s#/#.#g')
# shellcheck disable=SC2086 # one argument per class
javap -cp target/classes $classes >target/api-classes.txt
unzip -p "$runner" META-INF/native-image/reflect-config.json >target/reflect-config.json \
  || fail "no META-INF/native-image/reflect-config.json in $runner"
missing=$(python3 - target/api-classes.txt target/reflect-config.json <<'PY'
import json, re, sys
supers = {}
for line in open(sys.argv[1]):
    line = re.sub(r"<[^<>]*>", "", line)  # type parameters
    m = re.search(r"(?:class|interface) (\S+) (?:extends|implements) ([^{]+)\{", line)
    if m:
        supers[m.group(1)] = set(re.findall(r"[\w.$]+", m.group(2)))
bodies = {"org.allsitescron.api.Body"}
while True:
    more = {name for name, up in supers.items() if up & bodies} - bodies
    if not more:
        break
    bodies |= more
registered = {entry["name"] for entry in json.load(open(sys.argv[2]))}
print(" ".join(sorted(bodies - registered)))
PY
)
[[ -z "$missing" ]] || fail "answer bodies not registered for reflection: $missing"

# Dockerfile.native and the release workflow build these sources with the GraalVM/Mandrel JDK
# that Quarkus made them for.
graal=$(cat "$sources/graalvm.version")
jdk=${graal%%.*}
grep -q "ubi9-quarkus-mandrel-builder-image:jdk-${jdk} AS build" Dockerfile.native \
  || fail "Dockerfile.native does not build with the Mandrel builder for JDK ${jdk} (GraalVM ${graal})"
grep -q "java-version: \"${jdk}\"" .github/workflows/release.yml \
  || fail "the release workflow does not set up GraalVM for JDK ${jdk} (GraalVM ${graal})"
for file in Dockerfile.native .github/workflows/release.yml; do
  grep -q -- '-Dquarkus.native.sources-only=true' "$file" || fail "$file does not build from the native sources"
  # shellcheck disable=SC2016 # the literal command line
  grep -q 'native-image $(cat native-image.args)' "$file" || fail "$file does not run native-image on native-image.args"
done

echo "native sources: OK (GraalVM ${graal}, $(wc -c <"$sources/native-image.args") bytes of arguments)"
