package com.cloudphone.model;

/** A lead or conversation tied to a number; whoever the number is assigned to owns it. */
public record Contact(String accountId, String number, String contactId, String name, String phone,
                      String createdAt) {
}
