package com.cloudphone.service;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Refusal.Subject;
import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the store's refusals mean to the people and programs using the API: one error code and one message per
 * refusal, decided here and nowhere else. Services run each store change through {@link #decide}, so what leaves
 * the service layer is the one error model ({@link ApiException}) that http/ and the workflow answer with.
 */
public final class Refusals {
    private Refusals() {
    }

    /** Runs a store change; a refusal comes out as its meaning. */
    public static <T> T decide(Supplier<T> change) {
        try {
            return change.get();
        } catch (Refused refused) {
            throw meaning(refused.refusal());
        }
    }

    public static void decide(Runnable change) {
        try {
            change.run();
        } catch (Refused refused) {
            throw meaning(refused.refusal());
        }
    }

    /** The meaning of each refusal (Java 17 has no pattern switch; RefusalsTest checks every kind is here). */
    public static ApiException meaning(Refusal refusal) {
        if (refusal instanceof Refusal.SeatLimitReached) {
            return new ApiException(ErrorCode.SEAT_LIMIT_REACHED,
                    "Every seat of the account's plan is taken; upgrade the plan or raise the limit");
        } else if (refusal instanceof Refusal.ClaimTaken r) {
            return taken(r);
        } else if (refusal instanceof Refusal.AlreadyExists r) {
            return alreadyExists(r.subject());
        } else if (refusal instanceof Refusal.ChangedMeanwhile r) {
            return new ApiException(ErrorCode.CONFLICT, "The " + noun(r.subject()) + " changed meanwhile; reload and try again");
        } else if (refusal instanceof Refusal.NotFound r) {
            return ApiException.notFound(capitalized(noun(r.subject())));
        } else if (refusal instanceof Refusal.AlreadyDone r) {
            return alreadyDone(r.subject());
        } else if (refusal instanceof Refusal.NewDependency) {
            return new ApiException(ErrorCode.CONFLICT,
                    "The user changed while being deleted (something new depends on them); check again");
        } else if (refusal instanceof Refusal.LastAdmin r) {
            return new ApiException(ErrorCode.INVALID_STATE, r.agency()
                    ? "The agency must keep at least one agency admin who can sign in"
                    : "The account must keep at least one admin who can sign in");
        } else if (refusal instanceof Refusal.Purged) {
            return new ApiException(ErrorCode.INVALID_STATE, "The user's data in that account was purged");
        } else if (refusal instanceof Refusal.InvitationNotValid) {
            return new ApiException(ErrorCode.UNAUTHENTICATED, "The invitation is not valid or was already used");
        } else if (refusal instanceof Refusal.NotAMember r) {
            return ApiException.invalid(r.field(), "no user " + r.userId() + " in the account");
        } else if (refusal instanceof Refusal.NumberNotRoutable r) {
            return new ApiException(ErrorCode.CONFLICT, "Number " + r.number()
                    + " is not the account's, is out of service, or is routed by another callflow",
                    List.of(new FieldProblem("numbers", r.number() + " is not free to route")));
        } else if (refusal instanceof Refusal.NumberOutOfService r) {
            return r.field() == null ? new ApiException(ErrorCode.INVALID_STATE, "The number is out of service")
                    : ApiException.invalid(r.field(), "must be a number of the account that is in service");
        } else if (refusal instanceof Refusal.TooManyChanges r) {
            return ApiException.invalid(r.field(), "changes too many sub-accounts at once; change at most " + r.max()
                    + " in one request");
        } else if (refusal instanceof Refusal.BadCursor) {
            return ApiException.invalid("cursor", PageRequest.CURSOR_RULE);
        } else if (refusal instanceof Refusal.StaleBillingEvent) {
            return new ApiException(ErrorCode.CONFLICT, "A newer billing event was applied, or seats moved");
        } else if (refusal instanceof Refusal.Collided) {
            return new ApiException(ErrorCode.CONFLICT, "The change collided with another one; try again");
        } else if (refusal instanceof Refusal.Superseded) {
            return new ApiException(ErrorCode.CONFLICT, "This request was retried meanwhile; the retry carries on");
        }
        throw new IllegalStateException("No meaning given to " + refusal);
    }

    private static ApiException alreadyExists(Subject subject) {
        return switch (subject) {
            case NUMBER -> new ApiException(ErrorCode.NUMBER_TAKEN, "This number is already in the account");
            case MEMBERSHIP -> new ApiException(ErrorCode.CONFLICT, "Already a member of this account");
            default -> new ApiException(ErrorCode.CONFLICT, capitalized(noun(subject)) + " already exists");
        };
    }

    private static ApiException taken(Refusal.ClaimTaken r) {
        return switch (r.claim()) {
            case USERNAME -> withField(ErrorCode.USERNAME_TAKEN, "username", "This username is already in use");
            case EMAIL -> withField(ErrorCode.EMAIL_TAKEN, "email", "This email is already in use");
            case EXTENSION -> withField(ErrorCode.EXTENSION_TAKEN, "extension",
                    "Extension " + r.value() + " is already in use");
            case NUMBER -> new ApiException(ErrorCode.NUMBER_TAKEN, "This number is already owned",
                    List.of(new FieldProblem("number", "already owned by an account")));
        };
    }

    private static ApiException alreadyDone(Subject subject) {
        return switch (subject) {
            case MEMBER -> new ApiException(ErrorCode.CONFLICT, "The user was already removed");
            case TOMBSTONE -> new ApiException(ErrorCode.CONFLICT, "Already purged");
            case LOGIN -> new ApiException(ErrorCode.INVALID_STATE, "The invitation was accepted already");
            case QUEUE -> new ApiException(ErrorCode.NOT_FOUND, "Queue already deleted");
            case MEMBERSHIP -> new ApiException(ErrorCode.CONFLICT, "Not in the queue");
            default -> new ApiException(ErrorCode.CONFLICT, capitalized(noun(subject)) + " was already changed");
        };
    }

    private static ApiException withField(ErrorCode code, String field, String message) {
        return new ApiException(code, message, List.of(new FieldProblem(field, message)));
    }

    /** How the API names what a refusal is about. */
    private static String noun(Subject subject) {
        return switch (subject) {
            case MEMBER -> "user";
            case DEVICE_SESSION -> "device session";
            case EMAIL_CLAIM -> "email's claim";
            case EXTENSION_CLAIM -> "extension's claim";
            case SEAT_COUNT -> "account's seat count";
            case ADMIN_COUNT -> "account's admin count";
            default -> subject.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String capitalized(String noun) {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
