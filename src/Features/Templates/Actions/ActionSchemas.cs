namespace Fawkes.Portal.Features.Templates.Actions;

/// <summary>The built-in actions' input and output schemas (JSON Schema draft-07), with Backstage's field names and
/// descriptions so templates written for Backstage validate the same way here.</summary>
internal static class ActionSchemas
{
    private const string Token = "\"token\":{\"type\":\"string\",\"description\":\"An optional token to use for authentication when reading the resources.\"}";

    public const string FetchTemplateInput = $$$"""
        {"type":"object","required":["url"],"additionalProperties":false,"properties":{
          "url":{"type":"string","description":"Relative path or absolute URL pointing to the directory tree to fetch"},
          "targetPath":{"type":"string","description":"Target path within the working directory to download the contents to. Defaults to the working directory root."},
          "values":{"type":"object","description":"Values to pass on to the templating engine"},
          "copyWithoutRender":{"type":"array","items":{"type":"string"},"description":"An array of glob patterns. Any files or directories which match are copied without being processed as templates."},
          "copyWithoutTemplating":{"type":"array","items":{"type":"string"},"description":"An array of glob patterns. Contents of matched files or directories are copied without being processed, but paths are subject to rendering."},
          "cookiecutterCompat":{"type":"boolean","description":"Enable features to maximise compatibility with templates built for fetch:cookiecutter"},
          "templateFileExtension":{"type":["string","boolean"],"description":"If set, only files with the given extension will be templated. If set to `true`, the default extension `.njk` is used."},
          "replace":{"type":"boolean","description":"If set, replace files in targetPath instead of skipping existing ones."},
          "trimBlocks":{"type":"boolean","description":"If set, the first newline after a block is removed (block, not variable tag)."},
          "lstripBlocks":{"type":"boolean","description":"If set, leading spaces and tabs are stripped from the start of a line to a block."},
          {{{Token}}}}}
        """;

    public const string FetchPlainInput = $$$"""
        {"type":"object","required":["url"],"additionalProperties":false,"properties":{
          "url":{"type":"string","description":"Relative path or absolute URL pointing to the directory tree to fetch"},
          "targetPath":{"type":"string","description":"Target path within the working directory to download the contents to."},
          {{{Token}}}}}
        """;

    public const string FetchPlainFileInput = $$$"""
        {"type":"object","required":["url","targetPath"],"additionalProperties":false,"properties":{
          "url":{"type":"string","description":"Relative path or absolute URL pointing to the single file to fetch."},
          "targetPath":{"type":"string","description":"Target path within the working directory to download the file as."},
          {{{Token}}}}}
        """;

    public const string FsDeleteInput = """
        {"type":"object","required":["files"],"additionalProperties":false,"properties":{
          "files":{"type":"array","items":{"type":"string"},"description":"A list of files and directories that will be deleted"}}}
        """;

    public const string FsRenameInput = """
        {"type":"object","required":["files"],"additionalProperties":false,"properties":{
          "files":{"type":"array","description":"A list of file and directory names that will be renamed","items":{"type":"object",
            "required":["from","to"],"additionalProperties":false,"properties":{
            "from":{"type":"string","description":"The source location of the file to be renamed"},
            "to":{"type":"string","description":"The destination of the new file"},
            "overwrite":{"type":"boolean","description":"Overwrite existing file or directory, default is false"}}}}}}
        """;

    public const string DebugLogInput = """
        {"type":"object","additionalProperties":false,"properties":{
          "message":{"type":"string","description":"Message to output."},
          "listWorkspace":{"anyOf":[{"type":"boolean"},{"type":"string","enum":["with-filenames","with-contents"]}],
            "description":"List all files in the workspace. If used with \"with-contents\", also the file contents are listed."}}}
        """;

    public const string CatalogWriteInput = """
        {"type":"object","required":["entity"],"additionalProperties":false,"properties":{
          "filePath":{"type":"string","description":"Defaults to catalog-info.yaml"},
          "entity":{"type":"object","description":"You can provide the same values used in the Entity schema."}}}
        """;

    public const string CatalogFetchInput = """
        {"type":"object","additionalProperties":false,"properties":{
          "entityRef":{"type":"string","description":"Entity reference of the entity to get"},
          "entityRefs":{"type":"array","items":{"type":"string"},"description":"Entity references of the entities to get"},
          "optional":{"type":"boolean","description":"Allow the entity or entities to optionally exist. Default: false"},
          "defaultKind":{"type":"string","description":"The default kind"},
          "defaultNamespace":{"type":"string","description":"The default namespace"}}}
        """;

    public const string CatalogFetchOutput = """
        {"type":"object","properties":{
          "entity":{"description":"Object containing same values used in the Entity schema. Only when used with `entityRef` parameter."},
          "entities":{"type":"array","items":{},"description":"Array containing objects with same values used in the Entity schema. Only when used with `entityRefs` parameter."}}}
        """;

    public const string CatalogRegisterInput = """
        {"anyOf":[
          {"type":"object","required":["catalogInfoUrl"],"properties":{
            "catalogInfoUrl":{"type":"string","description":"An absolute URL pointing to the catalog info file location"},
            "optional":{"type":"boolean","description":"Permit the registered location to optionally exist. Default: false"}}},
          {"type":"object","required":["repoContentsUrl"],"properties":{
            "repoContentsUrl":{"type":"string","description":"An absolute URL pointing to the root of a repository directory tree"},
            "catalogInfoPath":{"type":"string","description":"A relative path from the repo root pointing to the catalog info file, defaults to /catalog-info.yaml"},
            "optional":{"type":"boolean","description":"Permit the registered location to optionally exist. Default: false"}}}]}
        """;

}
