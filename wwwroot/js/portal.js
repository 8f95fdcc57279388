// Small page behaviours that would otherwise be inline handlers, which the Content-Security-Policy forbids
// (script-src has no 'unsafe-inline'). Listeners are delegated from the document, so markup re-rendered by Blazor keeps working.
(() => {
    // Skip link: Blazor intercepts fragment links, so move focus to the main content ourselves.
    document.addEventListener('click', event => {
        const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
        const main = document.getElementById('main-content');
        if (link && main) {
            event.preventDefault();
            main.focus();
        }
    });

    // Development sign-in: picking a demo user selects that user's usual role.
    document.addEventListener('change', event => {
        const input = event.target;
        if (input instanceof HTMLInputElement && input.name === 'login' && input.dataset.role && input.form?.elements.role) {
            input.form.elements.role.value = input.dataset.role;
        }
    });
})();
