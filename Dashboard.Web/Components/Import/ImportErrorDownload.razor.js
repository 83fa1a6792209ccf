// Saves the error report the server streams as a file, without a round trip through a URL on the server.
export async function downloadFile(fileName, contentType, contentStream) {
    const buffer = await contentStream.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
