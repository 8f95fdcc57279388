namespace Fawkes.Portal.Features.Catalog.Ingestion;

/// <summary>Tells open pages that the catalog changed (registrations, refreshes) so they can reload.</summary>
public sealed class CatalogChanges
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
