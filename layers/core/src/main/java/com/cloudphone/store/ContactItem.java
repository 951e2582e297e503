package com.cloudphone.store;

import com.cloudphone.model.Contact;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

public final class ContactItem extends KeyedItem {
    static final String TYPE = "Contact";
    static final StaticTableSchema<ContactItem> SCHEMA = StaticTableSchema.builder(ContactItem.class)
            .newItemSupplier(ContactItem::new)
            .extend(KEYS)
            .addAttribute(String.class, a -> a.name("accountId").getter(ContactItem::getAccountId).setter(ContactItem::setAccountId))
            .addAttribute(String.class, a -> a.name("number").getter(ContactItem::getNumber).setter(ContactItem::setNumber))
            .addAttribute(String.class, a -> a.name("contactId").getter(ContactItem::getContactId).setter(ContactItem::setContactId))
            .addAttribute(String.class, a -> a.name("name").getter(ContactItem::getName).setter(ContactItem::setName))
            .addAttribute(String.class, a -> a.name("phone").getter(ContactItem::getPhone).setter(ContactItem::setPhone))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ContactItem::getCreatedAt).setter(ContactItem::setCreatedAt))
            .build();

    private String accountId;
    private String number;
    private String contactId;
    private String name;
    private String phone;
    private String createdAt;

    public ContactItem() {
    }

    static ContactItem of(Contact c) {
        ContactItem item = new ContactItem();
        item.setType(TYPE);
        item.setPk(Keys.account(c.accountId()));
        item.setSk(Keys.contact(c.number(), c.contactId()));
        item.accountId = c.accountId();
        item.number = c.number();
        item.contactId = c.contactId();
        item.name = c.name();
        item.phone = c.phone();
        item.createdAt = c.createdAt();
        return item;
    }

    Contact toContact() {
        return new Contact(accountId, number, contactId, name, phone, createdAt);
    }

    public String getAccountId() { return accountId; }
    public void setAccountId(String v) { accountId = v; }
    public String getNumber() { return number; }
    public void setNumber(String v) { number = v; }
    public String getContactId() { return contactId; }
    public void setContactId(String v) { contactId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String v) { createdAt = v; }
}
