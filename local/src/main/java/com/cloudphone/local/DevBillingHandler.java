package com.cloudphone.local;


import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.cloudphone.Backend;
import com.cloudphone.handler.BillingEventsHandler;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.joda.time.DateTime;

/**
 * Local only: {@code POST /dev/billing-events {detailType, detail}} plays billing sending an event on the bus,
 * delivered to the same handler the template's EventBridge rule targets.
 */
final class DevBillingHandler extends HttpFunction {
    private final BillingEventsHandler billing;
    private final Backend backend;

    DevBillingHandler(Backend backend) {
        super(null);
        this.backend = backend;
        this.billing = new BillingEventsHandler(backend);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Reply handle(ApiRequest request) {
        Input in = request.input(Set.of("detailType", "detail"));
        String type = in.text("detailType", REQUIRED, 64);
        if (!(in.value("detail") instanceof Map<?, ?>)) {
            in.problem("detail", "must be an object");
        }
        in.done();
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource("cloudphone.billing");
        event.setDetailType(type);
        event.setTime(new DateTime(backend.clock.millis()));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) in.value("detail");
        event.setDetail(detail);
        return Reply.ok(billing.handleRequest(event, null));
    }
}
