using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;

namespace Fawkes.Portal.Tests.Features.Templates;

/// <summary>Backstage's formatSecretsValidationErrors over npm jsonschema's errors (compat/scaffolder/errors.mjs checks it live).</summary>
public sealed class SecretsErrorsTests
{
    private static readonly JsonSerializerOptions Js = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Errors(string spec, Dictionary<string, string> secrets) =>
        new JsonArray([.. SecretsErrors.Validate(JsonNode.Parse(spec), secrets).Select(e => (JsonNode)e)]).ToJsonString(Js);

    [Fact]
    public void A_missing_secret_says_secrets_NAME_is_required_keeping_jsonschemas_key_order_and_stack()
    {
        var schema = """{"required":["token"],"properties":{"token":{"type":"string"}}}""";

        Assert.Equal(
            """[{"path":[],"property":"secrets","message":"secrets.token is required","schema":""" + schema
            + ""","instance":{},"name":"required","argument":"token","stack":"instance requires property \"token\""}]""",
            Errors("""{"secrets":{"schema":""" + schema + "}}", []));
    }

    [Fact]
    public void Another_failure_is_property_then_message_and_never_echoes_the_secret()
    {
        var body = Errors("""{"secrets":{"schema":{"properties":{"token":{"type":"string","minLength":8}}}}}""", new() { ["token"] = "s3cr" });

        Assert.Contains("\"property\":\"secrets.token\",\"message\":\"secrets.token does not meet minimum length of 8\"", body, StringComparison.Ordinal);
        Assert.Contains("\"instance\":{}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_secrets_schema_nothing_is_checked() =>
        Assert.Equal("[]", Errors("""{"parameters":[]}""", []));
}
