package dev.ats.applications.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How the entities' JSON columns ({@code @JdbcTypeCode(SqlTypes.JSON)}) are written and read: with
 * a plain Jackson mapper of their own, not the REST layer's (which refuses unknown fields and has
 * request-only guards). A stored document may hold fields the record no longer declares (the role
 * copy's rules keep what roles-service published): they are ignored.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class JsonColumns implements FormatMapper {

  private final FormatMapper jackson =
      new JacksonJsonFormatMapper(
          JsonMapper.builder()
              .addModule(new JavaTimeModule())
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .build());

  @Override
  public <T> T fromString(CharSequence json, JavaType<T> type, WrapperOptions options) {
    return jackson.fromString(json, type, options);
  }

  @Override
  public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
    return jackson.toString(value, type, options);
  }
}
