package web

import (
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

func (p *Pages) handleUploadForm(c echo.Context) error {
	return p.render(c, http.StatusOK, "upload", map[string]any{"Languages": assistant.Languages, "Formats": transcript.Formats})
}

// handleUpload queues the files of the form as one import, as POST
// /v1/imports does, and sends the browser to the import's progress.
func (p *Pages) handleUpload(c echo.Context) error {
	form, err := c.MultipartForm()
	if err != nil {
		return assistant.Errorf(assistant.EInvalid, "The upload could not be read; choose the files again.")
	}
	lang, err := assistant.ParseLanguage(c.FormValue("language"))
	if err != nil {
		return err
	}
	opts := assistant.ImportOptions{AgentID: strings.TrimSpace(c.FormValue("agent_id")), TeamID: strings.TrimSpace(c.FormValue("team_id")), Language: lang,
		Format: strings.TrimSpace(c.FormValue("format"))}
	var files []assistant.UploadedFile
	for _, fh := range form.File["files"] {
		if fh.Size > p.cfg.FileLimit {
			files = append(files, assistant.UploadedFile{Name: fh.Filename, Reason: &assistant.ImportReason{Code: assistant.ReasonTooLarge, Size: fh.Size, Limit: p.cfg.FileLimit}})
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return err
		}
		if strings.EqualFold(path.Ext(fh.Filename), ".zip") {
			inner, err := coach.UnpackZip(fh.Filename, data, p.cfg.FileLimit)
			if err != nil {
				return err
			}
			files = append(files, inner...)
			continue
		}
		files = append(files, assistant.UploadedFile{Name: fh.Filename, Data: data})
	}
	imp, err := p.coach.CreateImport(c.Request().Context(), principalOf(c), opts, files)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/imports/"+strconv.FormatInt(imp.ID, 10))
}

// handleImport shows how far an import has come; the page reloads itself
// every two seconds until no file is left.
func (p *Pages) handleImport(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	imp, err := p.coach.Import(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "import", map[string]any{"Import": imp, "Handled": imp.Done + imp.Failed})
}
