package com.cloudphone.store;

import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.CallflowStatus;
import com.cloudphone.model.CallflowVersion;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A callflow with its versions embedded: a callflow has a handful of versions, edited together. */
public final class CallflowItem extends KeyedItem {
    static final String TYPE = "Callflow";
    static final StaticTableSchema<CallflowItem> SCHEMA = StaticTableSchema.builder(CallflowItem.class)
            .newItemSupplier(CallflowItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(CallflowItem::getAccountId).setter(CallflowItem::setAccountId))
            .addAttribute(String.class, a -> a.name("callflowId").getter(CallflowItem::getCallflowId).setter(CallflowItem::setCallflowId))
            .addAttribute(String.class, a -> a.name("name").getter(CallflowItem::getName).setter(CallflowItem::setName))
            .addAttribute(String.class, a -> a.name("kind").getter(CallflowItem::getKind).setter(CallflowItem::setKind))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("numbers").getter(CallflowItem::getNumbers).setter(CallflowItem::setNumbers))
            .addAttribute(EnhancedType.listOf(EnhancedType.mapOf(String.class, String.class)),
                    a -> a.name("versions").getter(CallflowItem::getVersions).setter(CallflowItem::setVersions))
            .addAttribute(Long.class, a -> a.name("revision").getter(CallflowItem::getRevision).setter(CallflowItem::setRevision))
            .addAttribute(String.class, a -> a.name("createdAt").getter(CallflowItem::getCreatedAt).setter(CallflowItem::setCreatedAt))
            .build();

    private String accountId;
    private String callflowId;
    private String name;
    private String kind;
    private List<String> numbers;
    private List<Map<String, String>> versions;
    private Long revision;
    private String createdAt;

    public CallflowItem() {
    }

    static CallflowItem of(Callflow c) {
        CallflowItem item = new CallflowItem();
        item.setType(TYPE);
        item.setPk(Keys.account(c.accountId()));
        item.setSk(Keys.callflow(c.callflowId()));
        item.accountId = c.accountId();
        item.callflowId = c.callflowId();
        item.name = c.name();
        item.kind = c.kind().name();
        item.numbers = c.numbers();
        item.versions = c.versions().stream().map(CallflowItem::versionMap).toList();
        item.revision = c.revision();
        item.createdAt = c.createdAt();
        return item;
    }

    private static Map<String, String> versionMap(CallflowVersion v) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("version", Integer.toString(v.version()));
        map.put("status", v.status().name());
        if (v.userId() != null) map.put("userId", v.userId());
        map.put("dialUserIds", String.join(",", v.dialUserIds()));
        map.put("createdAt", v.createdAt());
        return map;
    }

    Callflow toCallflow() {
        List<CallflowVersion> vs = versions == null ? List.of() : versions.stream().map(m -> new CallflowVersion(
                Integer.parseInt(m.get("version")), CallflowStatus.valueOf(m.get("status")), m.get("userId"),
                m.getOrDefault("dialUserIds", "").isEmpty() ? List.of() : Arrays.asList(m.get("dialUserIds").split(",")),
                m.get("createdAt"))).toList();
        return new Callflow(accountId, callflowId, name, CallflowKind.valueOf(kind),
                numbers == null ? List.of() : numbers, vs, revision == null ? 0 : revision, createdAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getCallflowId() { return callflowId; }
    public void setCallflowId(String v) { callflowId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public List<String> getNumbers() { return numbers; }
    public void setNumbers(List<String> v) { numbers = v; }
    public List<Map<String, String>> getVersions() { return versions; }
    public void setVersions(List<Map<String, String>> v) { versions = v; }
    public Long getRevision() { return revision; }
    public void setRevision(Long v) { revision = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
}
