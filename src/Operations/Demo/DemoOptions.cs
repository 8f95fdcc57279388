namespace Fawkes.Portal.Operations.Demo;

/// <summary>Bound from <c>Portal:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Portal:Demo";

    /// <summary>Seed demo users and content. Unset: on exactly when the development sign-in is on.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Folder of demo content, relative to the app's content root.</summary>
    public string ContentPath { get; set; } = "content/demo";
}
