package com.cloudphone.model;

public enum NumberState { ASSIGNED, AVAILABLE, RELEASED }
