package org.allsitescron.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource (class or method) as wanting the token: {@link TokenAuth} then checks every
 * request to it before the resource runs. Every route is protected but health, metrics and the
 * OpenAPI document (see {@code docs/api.md}); {@code RouteProtectionTest} holds that.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Protected {}
