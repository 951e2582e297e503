package com.cloudphone.model;

public enum DeviceKind { SOFTPHONE, DESK_PHONE }
