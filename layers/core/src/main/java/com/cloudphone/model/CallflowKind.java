package com.cloudphone.model;

/** A direct line routes its numbers to one user; a group dials several. */
public enum CallflowKind { DIRECT, GROUP }
