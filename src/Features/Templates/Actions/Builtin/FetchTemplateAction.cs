using System.Text;
using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Workspace;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// <c>fetch:template</c>: copies a skeleton into the workspace, rendering file names and contents with the step's
/// <c>values</c> — Backstage's templateActionHandler entry by entry (the same order of checks, the same log lines):
/// every path is rendered, a path that renders empty or with <c>//</c> is skipped (how templates make files
/// conditional), existing files are kept unless <c>replace</c>, binaries are copied as they are.
/// </summary>
public sealed class FetchTemplateAction(ISkeletonTemplating templating) : ScaffolderAction
{
    public override string Id => "fetch:template";

    public override string Description => "Downloads a skeleton, templates variables into file and directory names and content, and places the result in the workspace, or optionally in a subdirectory specified by the `targetPath` input option.";

    public override bool SupportsDryRun => true;

    public override JsonObject InputSchema { get; } = Schema(ActionSchemas.FetchTemplateInput);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var input = context.Input;
        var ct = context.CancellationToken;
        var targetDir = WorkspacePath.Resolve("", context.InputString("targetPath") ?? "./");
        var copyOnly = Patterns(input["copyWithoutTemplating"]);
        var extension = Extension(input, copyOnly);
        var cookiecutter = context.InputBool("cookiecutterCompat");
        await context.Log.InfoAsync("Fetching template content from remote URL", null, ct);
        var sourceDir = SkeletonSource.Resolve(context, context.RequiredString("url"));
        var entries = Entries(context.TemplateFiles, sourceDir);
        await context.Log.InfoAsync("Listing files and directories in template", null, ct);
        var values = input["values"] as JsonObject ?? [];
        var scope = new JsonObject { [cookiecutter ? "cookiecutter" : "values"] = values.DeepClone() };
        var options = new SkeletonOptions(cookiecutter, context.InputBool("trimBlocks"), context.InputBool("lstripBlocks"));
        await context.Log.InfoAsync($"Processing {entries.Count} template files/directories with input values", values, ct);
        foreach (var (location, file) in entries)
        {
            var source = $"{(sourceDir.Length > 0 ? sourceDir + "/" : "")}{location}";
            bool renderContents;
            var output = location;
            if (extension is not null)
            {
                renderContents = file is not null && Path.GetExtension(output) == extension;
                output = renderContents ? output[..^extension.Length] : output;
            }
            else
            {
                renderContents = !copyOnly.Any(p => GlobPattern.IsMatch(p, location));
            }
            output = templating.Render(output, scope, $"{source} (file name)", options);
            if (output.Length == 0 || output.StartsWith('/') || output.Contains("//", StringComparison.Ordinal))
            {
                continue;
            }
            var outputPath = WorkspacePath.Resolve(targetDir, output);
            if (context.Workspace.Exists(outputPath) && !context.InputBool("replace"))
            {
                continue;
            }
            if (!renderContents && extension is null)
            {
                await context.Log.InfoAsync($"Copying file/directory {location} without processing.", null, ct);
            }
            await WriteAsync(context, location, file, outputPath, renderContents ? (text => templating.Render(text, scope, source, options)) : null);
        }
        await context.Log.InfoAsync($"Template result written to {WorkspaceRoot.Describe(context.TaskId, targetDir)}", null, ct);
    }

    private static async Task WriteAsync(ActionContext context, string location, WorkspaceFile? file, string outputPath, Func<string, string>? render)
    {
        var ct = context.CancellationToken;
        if (file is null)
        {
            await context.Log.InfoAsync($"Writing directory {location} to template output path.", null, ct);
            context.Workspace.CreateDirectory(outputPath);
        }
        else if (SkeletonSource.IsBinary(file.Content))
        {
            await context.Log.InfoAsync($"Copying file binary or symbolic link at {location}, to template output path.", null, ct);
            context.Workspace.Write(outputPath, file);
        }
        else
        {
            await context.Log.InfoAsync($"Writing file {location} to template output path with mode {(file.Executable ? 33261 : 33188)}.", null, ct);
            var text = Encoding.UTF8.GetString(file.Content);
            context.Workspace.Write(outputPath, new WorkspaceFile(Encoding.UTF8.GetBytes(render is null ? text : render(text)), file.Executable));
        }
    }

    /// <summary>Every file and folder under the skeleton, folders marked with a trailing slash (globby's listing).</summary>
    internal static List<(string Location, WorkspaceFile? File)> Entries(TemplateDirectory files, string sourceDir)
    {
        var list = new SortedDictionary<string, WorkspaceFile?>(StringComparer.Ordinal);
        foreach (var (path, file) in files.Under(sourceDir))
        {
            list[path] = file;
            var slash = path.LastIndexOf('/');
            while (slash > 0)
            {
                list.TryAdd(path[..(slash + 1)], null);
                slash = path.LastIndexOf('/', slash - 1);
            }
        }
        if (list.Count == 0)
        {
            throw new ActionInputException($"There is nothing at '{sourceDir}' in {files.Description}.");
        }
        return list.Select(e => (e.Key, e.Value)).ToList();
    }

    private static List<string> Patterns(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(p => p?.ToString() ?? "").ToList(),
        _ => throw new ActionInputException("Fetch action input copyWithoutTemplating must be an Array"),
    };

    private static string? Extension(JsonObject input, List<string> copyOnly)
    {
        var raw = input["templateFileExtension"];
        if (raw is null || (raw is JsonValue v && v.TryGetValue<bool>(out var b) && !b))
        {
            return null;
        }
        if (copyOnly.Count > 0 || (input["cookiecutterCompat"] is JsonValue c && c.TryGetValue<bool>(out var cc) && cc))
        {
            throw new ActionInputException("Fetch action input extension incompatible with copyWithoutTemplating and cookiecutterCompat");
        }
        var extension = raw is JsonValue t && t.TryGetValue<bool>(out _) ? ".njk" : raw.ToString();
        return extension.StartsWith('.') ? extension : "." + extension;
    }
}
