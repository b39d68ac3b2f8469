package app.oo.web.todoist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Todoist client, the threads its calls run on, and the periodic sync's scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class TodoistConfiguration {

    @Bean
    public TodoistClient todoistClient(TodoistProperties settings, ObjectMapper json, Clock clock) {
        return new TodoistClient(settings, json, clock);
    }

    @Bean(destroyMethod = "close")
    public TodoistThreads todoistThreads() {
        return new TodoistThreads(2);
    }
}
