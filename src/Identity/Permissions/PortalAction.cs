namespace Fawkes.Portal.Identity.Permissions;

/// <summary>Everything the portal lets someone do. Every endpoint, page handler and background action names one.</summary>
public enum PortalAction
{
    /// <summary>Read the catalog, DORA numbers and every page a signed-in person sees.</summary>
    CatalogRead,
    /// <summary>Register a location (or analyse one).</summary>
    CatalogRegister,
    /// <summary>Force a location or entity to be read again now.</summary>
    CatalogRefresh,
    /// <summary>Remove an entity, or a location with every entity it provides (record-level: owners and Admin).</summary>
    CatalogUnregister,
    /// <summary>Send deployments, pull requests and incidents.</summary>
    DoraWrite,
    /// <summary>Run a software template.</summary>
    TemplateRun,
    /// <summary>Rebuild, Sync and other live actions on a service (record-level: owners, PlatformLead, Admin).</summary>
    LiveAction,
    /// <summary>Read container logs of a service (record-level: owners, PlatformLead, Admin).</summary>
    LiveLogs,
    /// <summary>Check a Dojo lab against a service (record-level: its owners, PlatformLead, Admin; tokens with catalog:read).</summary>
    DojoLab,
    /// <summary>Tokens, audit log, data quality, integrations.</summary>
    Admin,
    /// <summary>See a team's Dojo progress (belts, who is stuck where) and export it.</summary>
    DojoTeam,
}
