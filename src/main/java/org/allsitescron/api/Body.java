package org.allsitescron.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A JSON body the API sends, or a part of one: its members are named in snake_case, as WordPress
 * names them, for Jackson and for the schemas of {@code /q/openapi} alike.
 *
 * <p>A body sent inside a {@code Response} carries {@code @RegisterForReflection} for the native
 * image, since Quarkus cannot see its type there; Quarkus registers the type a resource returns,
 * but not the interfaces it implements, so this one is registered for Jackson to read its naming.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public interface Body {}
