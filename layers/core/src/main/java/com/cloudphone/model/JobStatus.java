package com.cloudphone.model;

/** RUNNING until the user is deleted; WAITING_FOR_PURGE until the purge window ends; then SUCCEEDED. */
public enum JobStatus { RUNNING, WAITING_FOR_PURGE, SUCCEEDED, FAILED }
