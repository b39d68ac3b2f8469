package app.oo.web.admin;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /admin} is the analyst console (analyst role), {@code /compliance} the compliance console
 * (compliance role); the page chain enforces both.
 */
@Configuration(proxyBeanMethods = false)
public class AdminPagesConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/admin").setViewName("forward:/admin.html");
        registry.addViewController("/admin/").setViewName("forward:/admin.html");
        registry.addViewController("/compliance").setViewName("forward:/compliance.html");
    }
}
