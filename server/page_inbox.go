package server

func (s *Server) inboxPages() []pageRoute { return nil }
