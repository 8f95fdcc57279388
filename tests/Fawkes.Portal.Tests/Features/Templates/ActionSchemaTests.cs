using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Actions.Builtin;
using Fawkes.Portal.Features.Templates.Actions.GitHub;
using Fawkes.Portal.Features.Templates.Runner;

namespace Fawkes.Portal.Tests.Features.Templates;

/// <summary>Every built-in action's schemas parse (they are JSON text in code) and reject a wrong input type.</summary>
public sealed class ActionSchemaTests
{
    public static readonly TheoryData<string> ActionIds = new(Actions().Select(a => a.Id));

    private static IEnumerable<ScaffolderAction> Actions()
    {
        var templating = new EngineExpressions();
        return
        [
            new FetchTemplateAction(templating), new FetchPlainAction(), new FetchPlainFileAction(), new FsDeleteAction(), new FsRenameAction(),
            new DebugLogAction(), new CatalogWriteAction(),
        ];
    }

    [Theory]
    [MemberData(nameof(ActionIds))]
    public void Input_schema_parses_and_validates(string id)
    {
        var action = Actions().Single(a => a.Id == id);
        Assert.Equal("object", (string?)action.InputSchema["type"]);
        Assert.Empty(ActionInputValidator.Validate(action.InputSchema, ValidInput(id)));
    }

    [Fact]
    public void A_wrong_type_is_reported_in_jsonschemas_words()
    {
        var errors = ActionInputValidator.Validate(new FsDeleteAction().InputSchema, new System.Text.Json.Nodes.JsonObject { ["files"] = "a.txt" });
        Assert.Equal(["instance.files is not of a type(s) array"], errors);
    }

    [Fact]
    public void GitHub_schemas_parse()
    {
        foreach (var json in new[] { GitHubActionSchemas.PublishInput, GitHubActionSchemas.PushInput, GitHubActionSchemas.CreateInput, GitHubActionSchemas.PullRequestInput, GitHubActionSchemas.WebhookInput, GitHubActionSchemas.PublishOutput })
        {
            Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(json));
        }
    }

    private static System.Text.Json.Nodes.JsonObject ValidInput(string id) => id switch
    {
        "fetch:template" or "fetch:plain" => new() { ["url"] = "./skeleton" },
        "fetch:plain:file" => new() { ["url"] = "./a", ["targetPath"] = "a" },
        "fs:delete" => new() { ["files"] = new System.Text.Json.Nodes.JsonArray("a") },
        "fs:rename" => new() { ["files"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["from"] = "a", ["to"] = "b" }) },
        "catalog:write" => new() { ["entity"] = new System.Text.Json.Nodes.JsonObject() },
        _ => [],
    };
}
