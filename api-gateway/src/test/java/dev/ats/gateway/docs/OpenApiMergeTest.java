package dev.ats.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge of the services' OpenAPI documents into the one the gateway serves. */
class OpenApiMergeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static final String PAGE =
      "{'type':'object','properties':{'nextCursor':{'type':['string','null']}}}";

  private static JsonNode roles() {
    return json(
        """
        {'openapi':'3.1.0','info':{'title':'roles','version':'1'},
         'servers':[{'url':'http://localhost:8081'}],
         'tags':[{'name':'Roles','description':'open positions'}],
         'paths':{
           '/api/v1/roles':{
             'get':{'operationId':'listRoles','security':[{},{'jwt':[]}],
                    'responses':{'200':{'description':'ok'}}},
             'post':{'operationId':'createRole','security':[{'jwt':[]}],
                     'requestBody':{'content':{'application/json':{'schema':{'type':'object'}}}},
                     'responses':{'201':{'description':'created'},
                                  '401':{'description':'the service says so',
                                         'content':{'application/problem+json':
                                            {'schema':{'$ref':'#/components/schemas/Problem'}}}}}}}},
         'components':{
           'schemas':{'Page':%s,
                      'Problem':{'type':'object','properties':{'title':{'type':'string'}}}},
           'securitySchemes':{'jwt':{'type':'http','scheme':'bearer'}}}}
        """
            .formatted(PAGE));
  }

  private static JsonNode applications() {
    return json(
        """
        {'openapi':'3.1.0','info':{'title':'applications','version':'1'},
         'security':[{'SecurityScheme':[]}],
         'paths':{
           '/api/v1/applications':{
             'post':{'operationId':'submitApplication','security':[{},{'SecurityScheme':[]}],
                     'requestBody':{'content':{'application/json':{'schema':{'type':'object'}}}},
                     'responses':{'201':{'description':'created'}}},
             'get':{'operationId':'listApplications','responses':{'200':{'description':'ok'}}}},
           '/api/v1/applications/{id}':{
             'get':{'operationId':'getApplication',
                    'security':[{'SecurityScheme':[]},{'appToken':[]}],
                    'responses':{'200':{'description':'ok'}}}}},
         'components':{
           'schemas':{'Page':%s,
                      'Problem':{'type':'object','properties':{'title':{'type':'string'}}}},
           'securitySchemes':{
             'SecurityScheme':{'type':'http','scheme':'bearer','bearerFormat':'JWT'},
             'appToken':{'type':'apiKey','in':'header','name':'X-Application-Token'}}}}
        """
            .formatted(PAGE));
  }

  private static ObjectNode merged() {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("roles", roles());
    docs.put("applications", applications());
    return OpenApiMerge.merge(docs);
  }

  @Test
  void shouldPutEveryServicesPathsIntoOneDocumentWhoseOnlyServerIsTheGateway() {
    ObjectNode doc = merged();

    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.path("info").path("title").asText()).isEqualTo("ATS API");
    assertThat(doc.path("paths").fieldNames())
        .toIterable()
        .containsExactly("/api/v1/roles", "/api/v1/applications", "/api/v1/applications/{id}");
    assertThat(doc.path("servers")).hasSize(1);
    assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/");
    assertThat(doc.path("tags").get(0).path("name").asText()).isEqualTo("Roles");
  }

  @Test
  void shouldKeepAComponentBothServicesDefineIdenticallyOnce() {
    ObjectNode doc = merged();

    assertThat(doc.path("components").path("schemas").fieldNames())
        .toIterable()
        .containsExactly("Page", "Problem");
    assertThat(doc.path("components").path("schemas").path("Page")).isEqualTo(json(PAGE));
  }

  @Test
  void shouldKeepOneDefinitionWhenTwoServicesDifferOnlyInTheirWordsAboutIt() {
    ObjectNode other = (ObjectNode) applications();
    ((ObjectNode) other.path("components").path("schemas"))
        .set(
            "Page",
            json(
                "{'type':'object','description':'a page','properties':{'nextCursor':"
                    + "{'type':['string','null'],'examples':['abc']}}}"));
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("roles", roles());
    docs.put("applications", other);

    assertThat(OpenApiMerge.merge(docs).path("components").path("schemas").path("Page"))
        .as("the first service's words")
        .isEqualTo(json(PAGE));
  }

  @Test
  void shouldFailLoudlyWhenTwoServicesGiveOneSchemaNameDifferentShapes() {
    ObjectNode other = (ObjectNode) applications();
    ((ObjectNode) other.path("components").path("schemas"))
        .set("Page", json("{'type':'object','properties':{'items':{'type':'array'}}}"));
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("roles", roles());
    docs.put("applications", other);

    assertThatThrownBy(() -> OpenApiMerge.merge(docs))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("components/schemas/Page differs between roles and applications");
  }

  @Test
  void shouldFailWhenTwoServicesDefineOnePathOrOneOperationId() {
    Map<String, JsonNode> samePath = new LinkedHashMap<>();
    samePath.put("roles", roles());
    samePath.put("copy", roles());
    assertThatThrownBy(() -> OpenApiMerge.merge(samePath))
        .hasMessageContaining("path /api/v1/roles is defined by two services");

    ObjectNode clash = (ObjectNode) applications();
    ((ObjectNode) clash.path("paths").path("/api/v1/applications").path("get"))
        .put("operationId", "listRoles");
    Map<String, JsonNode> sameId = new LinkedHashMap<>();
    sameId.put("roles", roles());
    sameId.put("applications", clash);
    assertThatThrownBy(() -> OpenApiMerge.merge(sameId))
        .hasMessageContaining("operationId listRoles is used twice");
  }

  @Test
  void shouldDeclareOneBearerSchemeAndTheApplicationTokenWhateverTheServicesCalledThem() {
    ObjectNode doc = merged();

    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(schemes.fieldNames()).toIterable().containsExactly("applicationToken", "bearer");
    assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.path("applicationToken").path("name").asText())
        .isEqualTo("X-Application-Token");
    JsonNode paths = doc.path("paths");
    assertThat(paths.path("/api/v1/roles").path("get").path("security"))
        .isEqualTo(json("[{},{'bearer':[]}]"));
    assertThat(paths.path("/api/v1/applications/{id}").path("get").path("security"))
        .isEqualTo(json("[{'bearer':[]},{'applicationToken':[]}]"));
    assertThat(paths.path("/api/v1/applications").path("get").path("security"))
        .as("the document's default, given to each operation")
        .isEqualTo(json("[{'bearer':[]}]"));
    assertThat(doc.has("security")).isFalse();
  }

  @Test
  void shouldAddTheAnswersOnlyTheGatewayGivesToEveryOperationKeepingTheServicesOwn() {
    JsonNode paths = merged().path("paths");

    JsonNode list = paths.path("/api/v1/roles").path("get").path("responses");
    assertThat(list.fieldNames())
        .toIterable()
        .containsExactly("200", "400", "401", "429", "502", "503", "504");
    assertThat(list.path("429").path("$ref").asText())
        .isEqualTo("#/components/responses/GatewayRateLimited");
    JsonNode create = paths.path("/api/v1/roles").path("post").path("responses");
    assertThat(create.fieldNames())
        .toIterable()
        .containsExactly("201", "400", "401", "403", "413", "429", "502", "503", "504");
    assertThat(create.path("401").path("description").asText()).isEqualTo("the service says so");
    assertThat(create.path("403").path("content").path("application/problem+json").isObject())
        .isTrue();
  }

  @Test
  void shouldDescribeTheGatewaysAnswersAsProblemsWithRetryAfterOnA429() {
    JsonNode responses = merged().path("components").path("responses");

    JsonNode limited = responses.path("GatewayRateLimited");
    assertThat(limited.path("headers").path("Retry-After").path("schema").path("type").asText())
        .isEqualTo("integer");
    assertThat(
            limited
                .path("content")
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(responses.fieldNames())
        .toIterable()
        .contains("GatewayBadGateway", "GatewayTimeout", "GatewayContentTooLarge");
  }

  @Test
  void shouldDefineOnlyTheGatewayAnswersSomeOperationRefersTo() {
    ObjectNode roles = (ObjectNode) roles();
    roles.with("paths").remove("/api/v1/roles");
    roles
        .with("paths")
        .set(
            "/api/v1/roles",
            json(
                "{'get':{'operationId':'listRoles','responses':{'200':{'description':'ok'},"
                    + "'400':{'description':'own'},'401':{'description':'own'}}}}"));

    JsonNode responses =
        OpenApiMerge.merge(Map.of("roles", roles)).path("components").path("responses");

    assertThat(responses.has("GatewayInvalidPath")).isFalse();
    assertThat(responses.has("GatewayUnauthorized")).isFalse();
    assertThat(responses.has("GatewayContentTooLarge")).as("no operation has a body").isFalse();
    assertThat(responses.has("GatewayRateLimited")).isTrue();
  }

  @Test
  void shouldRefuseASecuritySchemeTheGatewayDoesNotKnow() {
    ObjectNode odd = (ObjectNode) roles();
    ((ObjectNode) odd.path("components").path("securitySchemes"))
        .set("cookie", json("{'type':'apiKey','in':'cookie','name':'session'}"));

    assertThatThrownBy(() -> OpenApiMerge.merge(Map.of("roles", odd)))
        .hasMessageContaining("roles declares security scheme cookie the gateway does not know");
  }
}
