/** Where the web app is served from, and where its API lives: two origins, so every call is CORS. */
export const APP_ORIGIN = 'https://app.example.com';
export const NOTES_API_URL = 'https://api.example.com';
