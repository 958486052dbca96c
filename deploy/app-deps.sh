# Sourced by deploy/standalone/submit.sh and deploy/yarn/submit.sh from the repository root.
# optsweep.jar bundles the two libraries Spark lacks, EJML and commons-cli (relocated), via
# maven-shade-plugin; Spark itself, Jackson YAML etc. come from the cluster. A jar built without them
# needs EJML shipped: local copies from
#   mvn -q dependency:copy-dependencies -DincludeScope=runtime -DexcludeArtifactIds=commons-cli \
#       -DoutputDirectory=target/lib
# else spark-submit fetches it (and ejml-core) from Maven Central. Sets the array `deps` to the
# spark-submit arguments that ship them (empty when the jar has them).
[ -f target/optsweep.jar ] || { echo "target/optsweep.jar missing: mvn -q -DskipTests package" >&2; exit 1; }
deps=()
if ! grep -a -q 'org/ejml/' target/optsweep.jar; then # zip entry names are stored uncompressed
  jars=(target/lib/*.jar)
  if [ -e "${jars[0]}" ]; then
    deps=(--jars "$(IFS=,; echo "${jars[*]}")")
  else
    deps=(--packages org.ejml:ejml-ddense:0.46.1)
  fi
fi
