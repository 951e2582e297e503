package com.cloudphone.model;

/** INVITED members have not set a password yet; REMOVED members are kept only as tombstones. */
public enum MemberStatus { ACTIVE, INVITED, REMOVED }
