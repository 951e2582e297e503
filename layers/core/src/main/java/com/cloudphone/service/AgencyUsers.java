package com.cloudphone.service;

import java.util.List;
import java.util.Map;

/** Every account of an agency and every login in them, for the console's Agency screen. */
public record AgencyUsers(String agencyAccountId, List<AgencyAccount> accounts, List<AgencyUser> users) {
    public AgencyUsers {
        accounts = List.copyOf(accounts);
        users = List.copyOf(users);
    }

    /** An account of the agency: the agency account itself ({@code agency} true) or one of its sub-accounts. */
    public record AgencyAccount(String accountId, String name, boolean agency) {
    }

    /** A login with a membership somewhere in the agency, and its role in each account it belongs to. */
    public record AgencyUser(String userId, String displayName, String username, String email, String kind,
                             Map<String, String> roles) {
    }
}
