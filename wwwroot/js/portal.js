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

    // Charts: Plotly.Blazor queues a chart's first draw until plotly.js has loaded, then runs the queue in one forEach.
    // A chart removed meanwhile (a filter changed while the 4.6 MB script was still loading) throws there, which ends
    // the loop: every chart queued after it never drew. So charts render only once plotly.js is loaded, through the
    // same module instance and script URL Plotly.Blazor uses (the import map resolves both to one fingerprinted file).
    let plotlyLoading = null;
    window.fawkesCharts = {
        ready: () => plotlyLoading ??= import(new URL('_content/Plotly.Blazor/plotly-interop-7.2.0.js', document.baseURI).href)
            .then(module => module.importScript('plotly-import', './_content/Plotly.Blazor/plotly-3.7.0.min.js'))
            .catch(error => { plotlyLoading = null; throw error; }),
    };
})();
