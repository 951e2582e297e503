package com.cloudphone.model;

/** ACTIVE: live (a callflow with numbers, or the version in use). AVAILABLE: idle, and so deletable. */
public enum CallflowStatus { ACTIVE, AVAILABLE }
