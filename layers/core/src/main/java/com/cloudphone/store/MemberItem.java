package com.cloudphone.store;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class MemberItem extends KeyedItem {
    static final String TYPE = "Member";
    static final StaticTableSchema<MemberItem> SCHEMA = StaticTableSchema.builder(MemberItem.class)
            .newItemSupplier(MemberItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(MemberItem::getAccountId).setter(MemberItem::setAccountId))
            .addAttribute(String.class, a -> a.name("userId").getter(MemberItem::getUserId).setter(MemberItem::setUserId))
            .addAttribute(String.class, a -> a.name("kind").getter(MemberItem::getKind).setter(MemberItem::setKind))
            .addAttribute(String.class, a -> a.name("role").getter(MemberItem::getRole).setter(MemberItem::setRole))
            .addAttribute(String.class, a -> a.name("status").getter(MemberItem::getStatus).setter(MemberItem::setStatus))
            .addAttribute(String.class, a -> a.name("username").getter(MemberItem::getUsername).setter(MemberItem::setUsername))
            .addAttribute(String.class, a -> a.name("email").getter(MemberItem::getEmail).setter(MemberItem::setEmail))
            .addAttribute(String.class, a -> a.name("displayName").getter(MemberItem::getDisplayName).setter(MemberItem::setDisplayName))
            .addAttribute(String.class, a -> a.name("extension").getter(MemberItem::getExtension).setter(MemberItem::setExtension))
            .addAttribute(String.class, a -> a.name("timezone").getter(MemberItem::getTimezone).setter(MemberItem::setTimezone))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("businessHours").getter(MemberItem::getBusinessHours).setter(MemberItem::setBusinessHours))
            .addAttribute(Boolean.class, a -> a.name("suspended").getter(MemberItem::getSuspended).setter(MemberItem::setSuspended))
            .addAttribute(Boolean.class, a -> a.name("leadRouting").getter(MemberItem::getLeadRouting).setter(MemberItem::setLeadRouting))
            .addAttribute(Boolean.class, a -> a.name("accountClosed").getter(MemberItem::getAccountClosed).setter(MemberItem::setAccountClosed))
            .addAttribute(Long.class, a -> a.name("tokensNotBefore").getter(MemberItem::getTokensNotBefore).setter(MemberItem::setTokensNotBefore))
            .addAttribute(Long.class, a -> a.name("links").getter(MemberItem::getLinks).setter(MemberItem::setLinks))
            .addAttribute(String.class, a -> a.name("createdAt").getter(MemberItem::getCreatedAt).setter(MemberItem::setCreatedAt))
            .build();

    private String accountId;
    private String userId;
    private String kind;
    private String role;
    private String status;
    private String username;
    private String email;
    private String displayName;
    private String extension;
    private String timezone;
    private Map<String, String> businessHours;
    private Boolean suspended;
    private Boolean leadRouting;
    private Boolean accountClosed;
    private Long tokensNotBefore;
    private Long links;
    private String createdAt;

    public MemberItem() {
    }

    static MemberItem of(Member m) {
        MemberItem item = new MemberItem();
        item.setType(TYPE);
        item.setPk(Keys.account(m.accountId()));
        item.setSk(Keys.user(m.userId()));
        item.setGsi1pk(Keys.login(m.userId()));
        item.setGsi1sk(Keys.account(m.accountId()));
        item.accountId = m.accountId();
        item.userId = m.userId();
        item.kind = m.kind().name();
        item.role = m.role().name();
        item.status = m.status().name();
        item.username = m.username();
        item.email = m.email();
        item.displayName = m.displayName();
        item.extension = m.extension();
        item.timezone = m.timezone();
        item.businessHours = toMap(m.businessHours());
        item.suspended = m.suspended();
        item.leadRouting = m.leadRouting();
        item.accountClosed = m.accountClosed() ? true : null;
        item.tokensNotBefore = m.tokensNotBefore() == 0 ? null : m.tokensNotBefore();
        item.createdAt = m.createdAt();
        return item;
    }

    Member toMember() {
        return new Member(accountId, userId, UserKind.valueOf(kind), Role.valueOf(role), MemberStatus.valueOf(status),
                username, email, displayName, extension, timezone, fromMap(businessHours),
                Boolean.TRUE.equals(suspended), Boolean.TRUE.equals(leadRouting), createdAt,
                Boolean.TRUE.equals(accountClosed), tokensNotBefore == null ? 0 : tokensNotBefore);
    }

    private static Map<String, String> toMap(BusinessHours hours) {
        if (hours == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        hours.days().forEach((day, span) -> map.put(day.name(), span.open() + "-" + span.close()));
        return map;
    }

    private static BusinessHours fromMap(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        Map<DayOfWeek, BusinessHours.Span> days = new EnumMap<>(DayOfWeek.class);
        map.forEach((day, span) -> {
            String[] parts = span.split("-");
            days.put(DayOfWeek.valueOf(day), new BusinessHours.Span(LocalTime.parse(parts[0]), LocalTime.parse(parts[1])));
        });
        return new BusinessHours(days);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getRole() { return role; }
    public void setRole(String v) { role = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public String getExtension() { return extension; }
    public void setExtension(String v) { extension = v; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String v) { timezone = v; }
    public Map<String, String> getBusinessHours() { return businessHours; }
    public void setBusinessHours(Map<String, String> v) { businessHours = v; }
    public Boolean getSuspended() { return suspended; }
    public void setSuspended(Boolean v) { suspended = v; }
    public Boolean getLeadRouting() { return leadRouting; }
    public void setLeadRouting(Boolean v) { leadRouting = v; }
    public Boolean getAccountClosed() { return accountClosed; }
    public Long getTokensNotBefore() { return tokensNotBefore; }
    public void setTokensNotBefore(Long v) { tokensNotBefore = v; }
    public void setAccountClosed(Boolean v) { accountClosed = v; }
    /** Bumped by every write that makes something depend on the member; deletion conditions on it. */
    public Long getLinks() { return links; }
    public void setLinks(Long v) { links = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
}
