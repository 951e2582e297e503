package com.cloudphone.store;

import com.cloudphone.model.Login;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class LoginItem extends KeyedItem {
    static final String TYPE = "Login";
    static final StaticTableSchema<LoginItem> SCHEMA = StaticTableSchema.builder(LoginItem.class)
            .newItemSupplier(LoginItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("userId").getter(LoginItem::getUserId).setter(LoginItem::setUserId))
            .addAttribute(String.class, a -> a.name("username").getter(LoginItem::getUsername).setter(LoginItem::setUsername))
            .addAttribute(String.class, a -> a.name("email").getter(LoginItem::getEmail).setter(LoginItem::setEmail))
            .addAttribute(String.class, a -> a.name("passwordHash").getter(LoginItem::getPasswordHash).setter(LoginItem::setPasswordHash))
            .addAttribute(Integer.class, a -> a.name("failedAttempts").getter(LoginItem::getFailedAttempts).setter(LoginItem::setFailedAttempts))
            .addAttribute(String.class, a -> a.name("lockedUntil").getter(LoginItem::getLockedUntil).setter(LoginItem::setLockedUntil))
            .addAttribute(String.class, a -> a.name("invitationHash").getter(LoginItem::getInvitationHash).setter(LoginItem::setInvitationHash))
            .addAttribute(Long.class, a -> a.name("passwordVersion").getter(LoginItem::getPasswordVersion).setter(LoginItem::setPasswordVersion))
            .addAttribute(String.class, a -> a.name("invitationExpiresAt").getter(LoginItem::getInvitationExpiresAt).setter(LoginItem::setInvitationExpiresAt))
            .build();

    private String userId;
    private String username;
    private String email;
    private String passwordHash;
    private Integer failedAttempts;
    private String lockedUntil;
    private String invitationHash;
    private Long passwordVersion;
    private String invitationExpiresAt;

    public LoginItem() {
    }

    static LoginItem of(Login login) {
        LoginItem item = new LoginItem();
        item.setType(TYPE);
        item.setPk(Keys.login(login.userId()));
        item.setSk(Keys.LOGIN_SK);
        item.userId = login.userId();
        item.username = login.username();
        item.email = login.email();
        item.passwordHash = login.passwordHash();
        item.failedAttempts = login.failedAttempts();
        item.lockedUntil = login.lockedUntil();
        item.invitationHash = login.invitationHash();
        item.passwordVersion = login.passwordVersion();
        item.invitationExpiresAt = login.invitationExpiresAt() == null ? null : login.invitationExpiresAt().toString();
        return item;
    }

    Login toLogin() {
        return new Login(userId, username, email, passwordHash, failedAttempts == null ? 0 : failedAttempts,
                lockedUntil, invitationHash, passwordVersion == null ? 0 : passwordVersion,
                invitationExpiresAt == null ? null : Instant.parse(invitationExpiresAt));
    }

    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String v) { passwordHash = v; }
    public Integer getFailedAttempts() { return failedAttempts; }
    public void setFailedAttempts(Integer v) { failedAttempts = v; }
    public String getLockedUntil() { return lockedUntil; }
    public void setLockedUntil(String v) { lockedUntil = v; }
    public String getInvitationHash() { return invitationHash; }
    public void setInvitationHash(String v) { invitationHash = v; }
    public Long getPasswordVersion() { return passwordVersion; }
    public void setPasswordVersion(Long v) { passwordVersion = v; }
    public String getInvitationExpiresAt() { return invitationExpiresAt; }
    public void setInvitationExpiresAt(String v) { invitationExpiresAt = v; }
}
