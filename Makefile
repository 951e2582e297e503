# `sam build` runs one target here per resource of template.yaml: every function and the layer there has
# `Metadata: BuildMethod: makefile, ContextPath: .`, so SAM calls `make --makefile <this file> build-<LogicalId>`
# with ARTIFACTS_DIR set and the working directory in a scratch copy of the resource's CodeUri. A module cannot be
# built from that copy alone (it needs its parent pom and core), so Maven builds here, in the checkout.
#
# SAM makes 22 calls; one Maven run per call costs 10-30 s each, mostly core again. So the first call builds
# every deployable module in one reactor run into target/sam/, and each call copies its part from there; the
# snapshot is rebuilt whenever a pom, a source file or this Makefile is newer. Any target works alone on a fresh
# clone. Do not pass --parallel to sam build: the calls share target/sam.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
OUT := $(ROOT)/target/sam
# 1>&2: Maven prints its errors on stdout, and SAM reports only stderr when a build fails.
MVN = mvn -B -q -f "$(ROOT)/pom.xml" -DskipTests=true

# What Maven reads for the deployable modules; folders too, so a deleted file counts as a change.
SOURCES := $(ROOT)/Makefile $(ROOT)/pom.xml \
	$(shell find "$(ROOT)/local/engine" "$(ROOT)/layers/core" "$(ROOT)/functions" -name target -prune -o -print)

MODULES := layers/core

# A function's artifact is its module's classes only: core (a provided dependency) comes from the layer.
define function
MODULES += $(2)
.PHONY: build-$(1)
build-$(1): $(OUT)/built
	cp -R "$(OUT)/$(2)/." "$$(ARTIFACTS_DIR)"
endef

$(eval $(call function,AddUserFunction,functions/add-user))
$(eval $(call function,UsersFunction,functions/users))
$(eval $(call function,NumbersFunction,functions/numbers))
$(eval $(call function,AssignNumberFunction,functions/assign-number))
$(eval $(call function,SessionsFunction,functions/sessions))
$(eval $(call function,QueuesFunction,functions/queues))
$(eval $(call function,RemoveFromQueuesTaskFunction,functions/remove-from-queue))
$(eval $(call function,CallflowsFunction,functions/callflows))
$(eval $(call function,CallflowTaskFunction,functions/reassign-callflow))
$(eval $(call function,ReleaseNumberFunction,functions/release-number))
$(eval $(call function,NumberTaskFunction,functions/release-number))
$(eval $(call function,DeleteUserFunction,functions/delete-user))
$(eval $(call function,DeleteUserTaskFunction,functions/delete-user))
$(eval $(call function,RecordFailureTaskFunction,functions/record-failure))
$(eval $(call function,AgencyFunction,functions/agency))
$(eval $(call function,AgencyRemovalTaskFunction,functions/agency))
$(eval $(call function,PurgeDataTaskFunction,functions/purge-data))
$(eval $(call function,PurgeSweepFunction,functions/purge-data))
$(eval $(call function,CallsFunction,functions/calls))
$(eval $(call function,BillingEventsFunction,functions/billing-events))
$(eval $(call function,PublishEventsFunction,functions/publish-events))

# The layer: the shaded core jar and its runtime dependencies under java/lib. bcprov stays out (core carries the
# few relocated classes it uses, see layers/core/pom.xml), and so do the unshaded original-core jar and the test jar.
.PHONY: build-CoreLayer
build-CoreLayer: $(OUT)/built
	cp -R "$(OUT)/layer/." "$(ARTIFACTS_DIR)"

empty :=
comma := ,
$(OUT)/built: $(SOURCES)
	rm -rf "$(OUT)"
	mkdir -p "$(OUT)/layer/java/lib"
	$(MVN) -pl $(subst $(empty) $(empty),$(comma),$(sort $(MODULES))) -am package \
		-Dlayer.lib="$(OUT)/layer/java/lib" 1>&2
	find "$(ROOT)/layers/core/target" -maxdepth 1 -name 'core-*.jar' ! -name '*-tests.jar' \
		-exec cp {} "$(OUT)/layer/java/lib/" \;
	for m in $(sort $(filter functions/%,$(MODULES))); do \
		mkdir -p "$(OUT)/$$m" && cp -R "$(ROOT)/$$m/target/classes/." "$(OUT)/$$m" || exit 1; \
	done
	touch "$@"
