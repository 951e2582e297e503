package com.cloudphone.model;

/** Internal users get a username and password from an admin; invited users are known by email. */
public enum UserKind { INTERNAL, INVITED }
