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

    // Dojo: Mermaid diagrams render in the browser. The 5 MB library loads only once a page has a pre.mermaid block;
    // Blazor adds such blocks after navigation, so watch the DOM rather than running once at load.
    let mermaidLoading = null;
    const renderMermaid = () => {
        const blocks = document.querySelectorAll('pre.mermaid:not([data-processed])');
        if (blocks.length === 0) {
            return;
        }
        mermaidLoading ??= new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = '/lib/mermaid/mermaid.min.js';
            script.onload = () => {
                window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
                resolve(window.mermaid);
            };
            script.onerror = reject;
            document.head.appendChild(script);
        });
        mermaidLoading.then(m => m.run({ nodes: document.querySelectorAll('pre.mermaid:not([data-processed])') }));
    };
    new MutationObserver(renderMermaid).observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', renderMermaid);
})();
