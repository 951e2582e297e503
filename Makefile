# `sam build` runs one target here per resource of template.yaml: every function and the layer there has
# `Metadata: BuildMethod: makefile, ContextPath: .`, so SAM calls `make --makefile <this file> build-<LogicalId>`
# with ARTIFACTS_DIR set and the working directory in a scratch copy of the resource's CodeUri. A module cannot be
# built from that copy alone (it needs its parent pom and core), so Maven builds it here, in the checkout, and the
# recipe copies what Lambda needs out of target/. Do not pass --parallel to sam build: the targets share target/.
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
# 1>&2: Maven prints its errors on stdout, and SAM reports only stderr when a build fails.
MVN = mvn -B -q -f "$(ROOT)/pom.xml" -DskipTests=true

# The shaded core jar and its runtime dependencies under java/lib; bcprov stays out (core carries the few
# relocated classes it uses, see layers/core/pom.xml), and so do the unshaded original-core jar and the test jar.
.PHONY: build-CoreLayer
build-CoreLayer:
	mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	$(MVN) -pl layers/core -am package -Dlayer.lib="$(ARTIFACTS_DIR)/java/lib" 1>&2
	find "$(ROOT)/layers/core/target" -maxdepth 1 -name 'core-*.jar' ! -name '*-tests.jar' \
		-exec cp {} "$(ARTIFACTS_DIR)/java/lib/" \;

# A function's artifact is its module's classes only: core (a provided dependency) comes from the layer.
define function
.PHONY: build-$(1)
build-$(1):
	$(MVN) -pl $(2) -am package 1>&2
	cp -R "$(ROOT)/$(2)/target/classes/." "$$(ARTIFACTS_DIR)"
endef

$(eval $(call function,AddUserFunction,functions/add-user))
$(eval $(call function,UsersFunction,functions/users))
$(eval $(call function,NumbersFunction,functions/numbers))
$(eval $(call function,AssignNumberFunction,functions/assign-number))
$(eval $(call function,SessionsFunction,functions/sessions))
$(eval $(call function,QueuesFunction,functions/remove-from-queue))
$(eval $(call function,RemoveFromQueuesTaskFunction,functions/remove-from-queue))
$(eval $(call function,CallflowsFunction,functions/reassign-callflow))
$(eval $(call function,CallflowTaskFunction,functions/reassign-callflow))
$(eval $(call function,ReleaseNumberFunction,functions/release-number))
$(eval $(call function,NumberTaskFunction,functions/release-number))
$(eval $(call function,DeleteUserFunction,functions/delete-user))
$(eval $(call function,DeleteUserTaskFunction,functions/delete-user))
$(eval $(call function,RecordFailureTaskFunction,functions/delete-user))
$(eval $(call function,AgencyFunction,functions/agency))
$(eval $(call function,AgencyRemovalTaskFunction,functions/agency))
$(eval $(call function,PurgeDataTaskFunction,functions/purge-data))
$(eval $(call function,PurgeSweepFunction,functions/purge-data))
$(eval $(call function,CallsFunction,functions/calls))
$(eval $(call function,BillingEventsFunction,functions/billing-events))
$(eval $(call function,PublishEventsFunction,functions/publish-events))
