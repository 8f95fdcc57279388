namespace Fawkes.Portal.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Database</c>; the connection string comes from <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the embedded SQLite file when no connection string is given.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up. Defaults to on for SQLite and in Development.</summary>
    public bool? MigrateOnStartup { get; set; }
}
