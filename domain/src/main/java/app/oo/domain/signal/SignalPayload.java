package app.oo.domain.signal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The typed content of a signal; one record per source, each validating itself. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@source")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TaskPayload.class, name = "tasks"),
        @JsonSubTypes.Type(value = CalendarPayload.class, name = "calendar"),
        @JsonSubTypes.Type(value = MoodPayload.class, name = "mood"),
        @JsonSubTypes.Type(value = HabitPayload.class, name = "habits"),
        @JsonSubTypes.Type(value = ContextPayload.class, name = "context")
})
public sealed interface SignalPayload
        permits TaskPayload, CalendarPayload, MoodPayload, HabitPayload, ContextPayload {

    SignalSource source();
}
