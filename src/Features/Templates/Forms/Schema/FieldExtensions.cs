namespace Fawkes.Portal.Features.Templates.Forms.Schema;

/// <summary>The <c>ui:field</c> names of Backstage's scaffolder field extensions this portal provides.</summary>
public static class FieldExtensions
{
    public const string OwnerPicker = "OwnerPicker";
    public const string EntityPicker = "EntityPicker";
    public const string EntityNamePicker = "EntityNamePicker";
    public const string EntityTagsPicker = "EntityTagsPicker";
    public const string RepoUrlPicker = "RepoUrlPicker";
    public const string Secret = "Secret";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string>([OwnerPicker, EntityPicker, EntityNamePicker, EntityTagsPicker, RepoUrlPicker, Secret], StringComparer.Ordinal);
}
