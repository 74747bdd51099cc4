// Swagger UI on api.xhtml: the OpenAPI document named by the element's data-document; requests go with the
// signed-in user's session (same origin), so the API answers with that user's permissions.
window.addEventListener('load', function () {
    var element = document.getElementById('swagger-ui');
    SwaggerUIBundle({
        url: element.getAttribute('data-document'),
        dom_id: '#swagger-ui',
        deepLinking: false,
        validatorUrl: null,
        defaultModelsExpandDepth: 0,
        docExpansion: 'list'
    });
});
