package com.cloudphone.store;

import com.cloudphone.model.Account;
import com.cloudphone.model.Plan;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class AccountItem extends KeyedItem {
    static final String TYPE = "Account";
    static final StaticTableSchema<AccountItem> SCHEMA = StaticTableSchema.builder(AccountItem.class)
            .newItemSupplier(AccountItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(AccountItem::getAccountId).setter(AccountItem::setAccountId))
            .addAttribute(String.class, a -> a.name("name").getter(AccountItem::getName).setter(AccountItem::setName))
            .addAttribute(String.class, a -> a.name("plan").getter(AccountItem::getPlan).setter(AccountItem::setPlan))
            .addAttribute(Boolean.class, a -> a.name("paid").getter(AccountItem::getPaid).setter(AccountItem::setPaid))
            .addAttribute(Integer.class, a -> a.name("seatLimit").getter(AccountItem::getSeatLimit).setter(AccountItem::setSeatLimit))
            .addAttribute(Integer.class, a -> a.name("seats").getter(AccountItem::getSeats).setter(AccountItem::setSeats))
            .addAttribute(Integer.class, a -> a.name("seatsUsed").getter(AccountItem::getSeatsUsed).setter(AccountItem::setSeatsUsed))
            .addAttribute(String.class, a -> a.name("parentAccountId").getter(AccountItem::getParentAccountId).setter(AccountItem::setParentAccountId))
            .addAttribute(String.class, a -> a.name("createdAt").getter(AccountItem::getCreatedAt).setter(AccountItem::setCreatedAt))
            .addAttribute(String.class, a -> a.name("closedAt").getter(AccountItem::getClosedAt).setter(AccountItem::setClosedAt))
            .build();

    private String accountId;
    private String name;
    private String plan;
    private Boolean paid;
    private Integer seatLimit;
    private Integer seats;
    private Integer seatsUsed;
    private String parentAccountId;
    private String createdAt;
    private String closedAt;

    public AccountItem() {
    }

    static AccountItem of(Account account) {
        AccountItem item = new AccountItem();
        item.setType(TYPE);
        item.setPk(Keys.account(account.accountId()));
        item.setSk(Keys.ACCOUNT_SK);
        if (account.parentAccountId() != null) {
            // the agency's sub-accounts, listed by its id
            item.setGsi1pk(Keys.agency(account.parentAccountId()));
            item.setGsi1sk(Keys.account(account.accountId()));
        }
        item.accountId = account.accountId();
        item.name = account.name();
        item.plan = account.plan().name();
        item.paid = account.paid();
        item.seatLimit = account.seatLimit();
        item.seats = account.seats();
        item.seatsUsed = account.seatsUsed();
        item.parentAccountId = account.parentAccountId();
        item.createdAt = account.createdAt();
        item.closedAt = account.closedAt();
        return item;
    }

    Account toAccount() {
        return new Account(accountId, name, Plan.valueOf(plan), Boolean.TRUE.equals(paid), seatLimit,
                seatsUsed == null ? 0 : seatsUsed, parentAccountId, createdAt, closedAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getPlan() { return plan; }
    public void setPlan(String v) { plan = v; }
    public Boolean getPaid() { return paid; }
    public void setPaid(Boolean v) { paid = v; }
    public Integer getSeatLimit() { return seatLimit; }
    public void setSeatLimit(Integer v) { seatLimit = v; }
    /** The effective seat cap, kept on the item so the seat condition compares two attributes of one item. */
    public Integer getSeats() { return seats; }
    public void setSeats(Integer v) { seats = v; }
    public Integer getSeatsUsed() { return seatsUsed; }
    public void setSeatsUsed(Integer v) { seatsUsed = v; }
    public String getParentAccountId() { return parentAccountId; }
    public void setParentAccountId(String v) { parentAccountId = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
    public String getClosedAt() { return closedAt; }
    public void setClosedAt(String v) { closedAt = v; }
}
